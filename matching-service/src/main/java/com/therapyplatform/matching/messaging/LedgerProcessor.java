package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.domain.Addressed;
import com.therapyplatform.matching.domain.CapacityLedger;
import com.therapyplatform.matching.domain.Desk;
import com.therapyplatform.matching.domain.DeskMessage;
import com.therapyplatform.matching.domain.Ledger;
import com.therapyplatform.matching.domain.LedgerCommand;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs {@link Ledger} for the clinicians of its partition of {@code matching.ledger.v1}: the one writer
 * of their caseloads. A periodic refill offers room that came free while nobody was waiting for it
 * to intakes that reached the waitlist in the meantime (the waitlist is read from a global table's
 * {@link WaitlistIndex}, which may lag the desk that wrote it by a few milliseconds); a clinician's refills
 * that find nobody back off ({@link RefillSchedule}).
 */
final class LedgerProcessor implements Processor<String, byte[], String, byte[]> {

    static final String TO_DESK = "ledger-to-desk";
    static final String TO_CASELOADS = "ledger-to-caseloads";
    static final String TO_DLT = "ledger-to-dlt";

    private final Ledger ledger;
    private final Duration refillInterval;
    private final RefillSchedule schedule;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> ledgers;
    private Desk.Roster roster;
    private final Ledger.Waitlist waitlist;

    LedgerProcessor(Ledger ledger, Ledger.Waitlist waitlist, Duration refillInterval, Duration refillMaxInterval) {
        this.ledger = ledger;
        this.waitlist = waitlist;
        this.refillInterval = refillInterval;
        this.schedule = new RefillSchedule(refillInterval, refillMaxInterval);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.ledgers = context.getStateStore(MatchingStores.LEDGERS);
        this.roster = MatchingStores.roster(context.getStateStore(MatchingStores.ROSTER));
        context.schedule(refillInterval, PunctuationType.WALL_CLOCK_TIME, this::refillAll);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        LedgerCommand command;
        try {
            command = InternalJson.read(record.value(), LedgerCommand.class);
        } catch (PoisonRecordException e) {
            context.forward(Outputs.deadLetter(record, e, context), TO_DLT);
            return;
        }
        apply(record, record.key(), command);
    }

    /** The ledger after the command; its messages to desks forwarded. */
    private Ledger.Step apply(Record<?, ?> cause, String clinicianId, LedgerCommand command) {
        CapacityLedger stored = InternalJson.read(ledgers.get(clinicianId), CapacityLedger.class);
        CapacityLedger current = stored == null ? CapacityLedger.empty(clinicianId) : stored;
        Ledger.Step step = ledger.handle(current, command, roster.find(clinicianId), waitlist);
        if (stored == null || !step.ledger().equals(current)) {
            ledgers.put(clinicianId, InternalJson.write(step.ledger()));
            MatchingStores.Caseload after = caseload(step.ledger());
            if (stored == null || !after.equals(caseload(current))) {
                context.forward(Outputs.internal(cause, clinicianId, after), TO_CASELOADS);
            }
        }
        for (Addressed<DeskMessage> message : step.toDesks()) {
            context.forward(Outputs.internal(cause, message.key(), message.message()), TO_DESK);
        }
        return step;
    }

    private void refillAll(long now) {
        List<String> clinicians = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = ledgers.all()) {
            it.forEachRemaining(kv -> clinicians.add(kv.key));
        }
        Record<String, byte[]> tick = new Record<>(null, null, now);
        for (String clinicianId : clinicians) {
            CapacityLedger current = InternalJson.read(ledgers.get(clinicianId), CapacityLedger.class);
            ClinicianProfile profile = roster.find(clinicianId);
            if (current.hasRoom(profile) && schedule.due(clinicianId, current, profile, now)) {
                Ledger.Step step = apply(tick, clinicianId, new LedgerCommand.Refill());
                schedule.walked(clinicianId, step.ledger(), profile,
                        !step.toDesks().isEmpty() || !step.ledger().equals(current), now);
            }
        }
    }

    private static MatchingStores.Caseload caseload(CapacityLedger ledger) {
        return new MatchingStores.Caseload(ledger.assigned().size(), ledger.held().size(), ledger.onCall().size());
    }
}
