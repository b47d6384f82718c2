package com.therapyplatform.triage.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.TriageAssessed;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import com.therapyplatform.platform.kafka.TransactionalBatch;
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.triage.domain.InvalidAnswers;
import com.therapyplatform.triage.domain.TriageDecision;
import com.therapyplatform.triage.domain.TriageRules;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Consumes IntakeSubmitted and publishes, in the poll's Kafka transaction, the routing view
 * (IntakeTriaged), the clinical view (TriageAssessed) and, when urgent, the priority-lane event.
 *
 * <p>Two bindings, one code path: {@code triage} reads routine intakes ({@code intake.submitted.v1}),
 * {@code triageUrgent} the intakes intake-service already found urgent ({@code intake.submitted.urgent.v1}),
 * each with a consumer and group of its own, so a routine backlog cannot delay an urgent intake.
 */
@Configuration(proxyBeanMethods = false)
public class TriageProcessor {

    private static final Logger log = LoggerFactory.getLogger(TriageProcessor.class);

    /** Triage flags raised, by category (an intake with two flags counts in both). */
    static final String CATEGORIES = "therapy.triage.categories";
    /** Intakes triaged, by risk tier. */
    static final String INTAKES = "therapy.triage.intakes";
    static final String BINDING = "triage-in-0";
    static final String GROUP = "triage-service";
    static final String URGENT_BINDING = "triageUrgent-in-0";
    static final String URGENT_GROUP = "triage-service-urgent";

    /**
     * The rules follow the questionnaire's configuration: {@code questionnaire.disabled-instruments}
     * (e.g. {@code RGPTS_B,RGPTS_A,CSI4} where no licence is held) must equal intake-service's.
     */
    @Bean
    TriageRules triageRules(@Value("${questionnaire.disabled-instruments:}") Set<InstrumentId> disabled) {
        return new TriageRules(Questionnaire.current().withDisabled(disabled));
    }

    /**
     * One Kafka transaction per poll, not per record: the transaction's round trips (partitions added,
     * three topics written, offsets, commit markers) were triage's ceiling at ~100 intakes/s
     * (docs/benchmarks/tuning.md, change 3). The guarantee is the same: a poll's events and offsets commit
     * together or not at all.
     */
    @Bean
    Consumer<Message<List<byte[]>>> triage(TriageRules rules, EventPublisher publisher, FlowMetrics metrics,
            TransactionalBatch batch) {
        return triageFrom(BINDING, GROUP, rules, publisher, metrics, batch);
    }

    /** The priority path: the same triage, on a consumer that no routine intake queues in front of. */
    @Bean
    Consumer<Message<List<byte[]>>> triageUrgent(TriageRules rules, EventPublisher publisher, FlowMetrics metrics,
            TransactionalBatch batch) {
        return triageFrom(URGENT_BINDING, URGENT_GROUP, rules, publisher, metrics, batch);
    }

    private static Consumer<Message<List<byte[]>>> triageFrom(String binding, String group, TriageRules rules,
            EventPublisher publisher, FlowMetrics metrics, TransactionalBatch batch) {
        Clock clock = Clock.systemUTC();
        return polled -> batch.forEach(polled, binding, group,
                record -> assess(rules, (byte[]) record.value()),
                (record, assessed) -> publish(assessed, publisher, metrics, clock.instant()));
    }

    /** Decoding and the rules, no side effects: what fails here is the record's own fault (poison). */
    private static Assessed assess(TriageRules rules, byte[] value) {
        EventEnvelope<IntakeSubmitted> submitted = EventJson.read(value, Events.INTAKE_SUBMITTED);
        try {
            return new Assessed(submitted, rules.assess(submitted.payload()));
        } catch (InvalidAnswers e) {
            throw new PoisonRecordException(e.reasonCode());
        }
    }

    private static void publish(Assessed assessed, EventPublisher publisher, FlowMetrics metrics, Instant now) {
        EventEnvelope<IntakeSubmitted> submitted = assessed.submitted();
        TriageDecision decision = assessed.decision();
        if (decision.urgent()) {
            publisher.publish(Events.URGENT_INTAKE_FLAGGED, submitted.answer(Events.URGENT_INTAKE_FLAGGED, now,
                    new UrgentIntakeFlagged(submitted.payload().routing(), decision.riskTier(),
                            decision.rulesVersion())));
        }
        publisher.publish(Events.INTAKE_TRIAGED, submitted.answer(Events.INTAKE_TRIAGED, now,
                new IntakeTriaged(submitted.payload().routing(), decision.categories(), decision.riskTier(),
                        decision.sensitivity(), decision.rulesVersion())));
        publisher.publish(Events.TRIAGE_ASSESSED, submitted.answer(Events.TRIAGE_ASSESSED, now,
                new TriageAssessed(decision.scores(), decision.categories(), decision.riskTier(),
                        decision.reasonCodes(), decision.clinicalSensitivity(), decision.rulesVersion())));
        // counts only: categories or urgency tied to an intake are PHI (no intake id in any tag)
        decision.categories().forEach(category -> metrics.counter(CATEGORIES,
                "Triage flags raised, by category", "category", category.name()).increment());
        metrics.counter(INTAKES, "Intakes triaged, by risk tier", "risk_tier", decision.riskTier().name())
                .increment();
        metrics.stageReached(FlowMetrics.STAGE_TRIAGED,
                decision.urgent() ? FlowMetrics.LANE_URGENT : FlowMetrics.LANE_ROUTINE, submitted.submittedAt());
        // the intake id only: categories or urgency tied to an intake are PHI
        log.info("Triaged intake {}", submitted.intakeId());
    }

    private record Assessed(EventEnvelope<IntakeSubmitted> submitted, TriageDecision decision) {
    }
}
