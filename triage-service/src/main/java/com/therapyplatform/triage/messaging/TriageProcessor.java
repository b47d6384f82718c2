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
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.triage.domain.InvalidAnswers;
import com.therapyplatform.triage.domain.TriageDecision;
import com.therapyplatform.triage.domain.TriageRules;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Consumes IntakeSubmitted and publishes, in the binding's Kafka transaction, the routing view
 * (IntakeTriaged), the clinical view (TriageAssessed) and, when urgent, the priority-lane event.
 */
@Configuration(proxyBeanMethods = false)
public class TriageProcessor {

    private static final Logger log = LoggerFactory.getLogger(TriageProcessor.class);

    /** Triage flags raised, by category (an intake with two flags counts in both). */
    static final String CATEGORIES = "therapy.triage.categories";
    /** Intakes triaged, by risk tier. */
    static final String INTAKES = "therapy.triage.intakes";

    /**
     * The rules follow the questionnaire's configuration: {@code questionnaire.disabled-instruments}
     * (e.g. {@code RGPTS_B,RGPTS_A,CSI4} where no licence is held) must equal intake-service's.
     */
    @Bean
    TriageRules triageRules(@Value("${questionnaire.disabled-instruments:}") Set<InstrumentId> disabled) {
        return new TriageRules(Questionnaire.current().withDisabled(disabled));
    }

    @Bean
    Consumer<Message<byte[]>> triage(TriageRules rules, EventPublisher publisher, FlowMetrics metrics) {
        Clock clock = Clock.systemUTC();
        return message -> {
            EventEnvelope<IntakeSubmitted> submitted = EventJson.read(message.getPayload(), Events.INTAKE_SUBMITTED);
            TriageDecision decision;
            try {
                decision = rules.assess(submitted.payload());
            } catch (InvalidAnswers e) {
                throw new PoisonRecordException(e.reasonCode());
            }
            var now = clock.instant();
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
        };
    }
}
