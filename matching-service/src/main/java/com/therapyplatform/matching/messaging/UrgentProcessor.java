package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.UrgentCoverMissing;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.matching.domain.Desk;
import com.therapyplatform.matching.domain.LedgerCommand;
import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.matching.domain.ReasonCodes;
import com.therapyplatform.matching.domain.WaitingIntake;
import com.therapyplatform.platform.kafka.FlowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The priority lane, in a Kafka Streams application of its own so that no routine backlog shares its
 * threads: an urgent intake gets the on-call crisis clinician for the client's state at once. Without
 * cover it is escalated (event, metric, WARN line) and kept, first in line, in a changelogged store
 * that is checked again on every urgent intake and every {@code recheckInterval}, so it is assigned as
 * soon as cover comes on call (a shift starts, or the roster changes).
 */
final class UrgentProcessor implements Processor<String, byte[], String, byte[]> {

    static final String TO_MATCHED = "urgent-to-matched";
    static final String TO_ESCALATIONS = "urgent-to-escalations";
    static final String TO_LEDGER = "urgent-to-ledger";
    static final String TO_DLT = "urgent-to-dlt";
    static final String PENDING = "therapy.matching.urgent.pending";

    private static final Logger log = LoggerFactory.getLogger(UrgentProcessor.class);

    private final Matcher matcher;
    private final Duration recheckInterval;
    private final FlowMetrics metrics;
    private final ConcurrentMap<String, Integer> pendingByTask;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> pending;
    private Desk.Roster roster;
    private ToIntFunction<String> onCallLoad;

    UrgentProcessor(Matcher matcher, Duration recheckInterval, FlowMetrics metrics,
            ConcurrentMap<String, Integer> pendingByTask) {
        this.matcher = matcher;
        this.recheckInterval = recheckInterval;
        this.metrics = metrics;
        this.pendingByTask = pendingByTask;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.pending = context.getStateStore(MatchingStores.URGENT_PENDING);
        this.roster = MatchingStores.roster(context.getStateStore(MatchingStores.ROSTER));
        var caseloads = MatchingStores.caseloads(context.getStateStore(MatchingStores.CASELOADS));
        this.onCallLoad = id -> caseloads.apply(id).onCall();
        context.schedule(recheckInterval, PunctuationType.WALL_CLOCK_TIME, this::assignPending);
        countPending();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope<UrgentIntakeFlagged> urgent;
        try {
            urgent = EventJson.read(record.value(), Events.URGENT_INTAKE_FLAGGED);
        } catch (EventDecodingException e) {
            context.forward(Outputs.deadLetter(record, e, context), TO_DLT);
            return;
        }
        assignPending(context.currentSystemTimeMs()); // those waiting for cover go first
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        var cover = matcher.onCallCover(urgent.payload().routing(), roster.all(), now, onCallLoad);
        if (cover.isPresent()) {
            assign(record, urgent, cover.get(), List.of());
            return;
        }
        pending.put(WaitingIntake.arrivalKey(urgent.submittedAt(), urgent.intakeId()), record.value());
        countPending();
        var escalation = urgent.answer(Events.URGENT_COVER_MISSING, now, new UrgentCoverMissing(
                urgent.payload().routing().state(), urgent.payload().riskTier(),
                List.of(ReasonCodes.NO_ON_CALL_COVER_FOR_STATE)));
        context.forward(Outputs.event(record, Events.URGENT_COVER_MISSING, escalation), TO_ESCALATIONS);
        MatchingMetrics.outcome(metrics, FlowMetrics.LANE_URGENT, MatchingMetrics.NO_ON_CALL_COVER);
        log.warn("URGENT_COVER_MISSING: no on-call cover for intake {}; it stays first in line", urgent.intakeId());
    }

    private void assignPending(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        List<KeyValue<String, byte[]>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            it.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, byte[]> entry : waiting) {
            EventEnvelope<UrgentIntakeFlagged> urgent = EventJson.read(entry.value, Events.URGENT_INTAKE_FLAGGED);
            Optional<Matcher.OnCallCover> cover =
                    matcher.onCallCover(urgent.payload().routing(), roster.all(), now, onCallLoad);
            if (cover.isPresent()) {
                pending.delete(entry.key);
                assign(new Record<>(entry.key, entry.value, nowMs), urgent, cover.get(),
                        List.of(ReasonCodes.ASSIGNED_AFTER_COVER_MISSING));
            }
        }
        countPending();
    }

    private void assign(Record<?, ?> cause, EventEnvelope<UrgentIntakeFlagged> urgent, Matcher.OnCallCover cover,
            List<String> extraReasons) {
        var clinician = cover.clinician();
        List<String> reasons = new ArrayList<>(cover.reasonCodes());
        reasons.addAll(extraReasons);
        var assigned = urgent.answer(Events.CLINICIAN_ASSIGNED, Instant.ofEpochMilli(context.currentSystemTimeMs()),
                new ClinicianAssigned(clinician.id(), clinician.displayName(), clinician.credentials(), true, reasons));
        context.forward(Outputs.event(cause, Events.CLINICIAN_ASSIGNED, assigned), TO_MATCHED);
        MatchingMetrics.outcome(metrics, FlowMetrics.LANE_URGENT, MatchingMetrics.ASSIGNED);
        metrics.stageReached(FlowMetrics.STAGE_MATCHED, FlowMetrics.LANE_URGENT, urgent.submittedAt());
        context.forward(Outputs.internal(cause, clinician.id(), new LedgerCommand.OnCallAssigned(urgent.intakeId())),
                TO_LEDGER);
        log.info("Assigned urgent intake {} to on-call clinician {}", urgent.intakeId(), clinician.id());
    }

    private void countPending() {
        int count = 0;
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        pendingByTask.put(context.taskId().toString(), count);
    }

    @Override
    public void close() {
        if (context != null) {
            pendingByTask.remove(context.taskId().toString());
        }
    }

    static int total(Map<String, Integer> pendingByTask) {
        return pendingByTask.values().stream().mapToInt(Integer::intValue).sum();
    }
}
