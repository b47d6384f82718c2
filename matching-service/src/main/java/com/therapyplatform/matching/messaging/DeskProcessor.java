package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.matching.domain.Addressed;
import com.therapyplatform.matching.domain.Desk;
import com.therapyplatform.matching.domain.DeskMessage;
import com.therapyplatform.matching.domain.IntakeCase;
import com.therapyplatform.matching.domain.LedgerCommand;
import com.therapyplatform.matching.domain.WaitingIntake;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.time.Instant;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Desk} for the intakes of its partition of {@code matching.desk.v1}; the only writer of outcomes. */
final class DeskProcessor implements Processor<String, byte[], String, byte[]> {

    static final String TO_LEDGER = "desk-to-ledger";
    static final String TO_MATCHED = "desk-to-matched";
    static final String TO_WAITLISTED = "desk-to-waitlisted";
    static final String TO_WAITLIST = "desk-to-waitlist";
    static final String TO_DLT = "desk-to-dlt";

    private static final Logger log = LoggerFactory.getLogger(DeskProcessor.class);

    private final Desk desk;
    private final FlowMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> cases;
    private Desk.Roster roster;
    private ToIntFunction<String> routineLoad;

    DeskProcessor(Desk desk, FlowMetrics metrics) {
        this.desk = desk;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.cases = context.getStateStore(MatchingStores.INTAKE_CASES);
        this.roster = MatchingStores.roster(context.getStateStore(MatchingStores.ROSTER));
        var caseloads = MatchingStores.caseloads(context.getStateStore(MatchingStores.CASELOADS));
        this.routineLoad = id -> caseloads.apply(id).routineLoad();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        DeskMessage message;
        try {
            message = InternalJson.read(record.value(), DeskMessage.class);
        } catch (PoisonRecordException e) {
            context.forward(Outputs.deadLetter(record, e, context), TO_DLT);
            return;
        }
        String intakeId = record.key();
        IntakeCase current = InternalJson.read(cases.get(intakeId), IntakeCase.class);
        Desk.Step step;
        if (message instanceof DeskMessage.Triaged t) {
            step = desk.onTriaged(current, t.event(), roster, routineLoad);
        } else if (message instanceof DeskMessage.Reservation r) {
            step = desk.onReservation(intakeId, current, r.clinicianId(), r.granted(), roster, routineLoad);
        } else {
            step = desk.onOffer(intakeId, current, (DeskMessage.Offer) message, roster, routineLoad);
        }
        if (step.next() != null && step.next() != current) {
            cases.put(intakeId, InternalJson.write(step.next()));
        }
        for (Addressed<LedgerCommand> command : step.toLedgers()) {
            context.forward(Outputs.internal(record, command.key(), command.message()), TO_LEDGER);
        }
        publish(record, step);
    }

    private void publish(Record<String, byte[]> record, Desk.Step step) {
        IntakeCase intake = step.next();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (step.waitlist() == Desk.WaitlistChange.ENTER) {
            WaitingIntake waiting = intake.waiting();
            context.forward(Outputs.internal(record, waiting.arrivalKey(), waiting), TO_WAITLIST);
        } else if (step.waitlist() == Desk.WaitlistChange.LEAVE) {
            context.forward(Outputs.internal(record, intake.waiting().arrivalKey(), null), TO_WAITLIST);
        }
        if (step.outcome() instanceof Desk.Outcome.Assigned a) {
            var event = intake.triaged().answer(Events.CLINICIAN_ASSIGNED, now, new ClinicianAssigned(
                    a.clinician().id(), a.clinician().displayName(), a.clinician().credentials(), false,
                    a.reasonCodes()));
            context.forward(Outputs.event(record, Events.CLINICIAN_ASSIGNED, event), TO_MATCHED);
            outcome(MatchingMetrics.ASSIGNED, intake);
            log.info("Assigned intake {} to clinician {}", intake.intakeId(), a.clinician().id());
        } else if (step.outcome() instanceof Desk.Outcome.Waitlisted w) {
            var event = intake.triaged().answer(Events.INTAKE_WAITLISTED, now,
                    new IntakeWaitlisted(w.unmetConstraints(), w.reasonCodes()));
            context.forward(Outputs.event(record, Events.INTAKE_WAITLISTED, event), TO_WAITLISTED);
            outcome(MatchingMetrics.WAITLISTED, intake);
            log.info("Waitlisted intake {}", intake.intakeId());
        }
    }

    /** A re-match from the waitlist counts as an outcome too; its latency runs from the original submission. */
    private void outcome(String outcome, IntakeCase intake) {
        MatchingMetrics.outcome(metrics, FlowMetrics.LANE_ROUTINE, outcome);
        metrics.stageReached(FlowMetrics.STAGE_MATCHED, FlowMetrics.LANE_ROUTINE, intake.triaged().submittedAt());
    }
}
