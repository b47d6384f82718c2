package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.matching.domain.ClinicianRoster;
import com.therapyplatform.matching.domain.MatchDecision;
import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Two lanes: routine intakes from IntakeTriaged, urgent ones from the priority lane only, each with its
 * own consumer so a routine backlog never delays on-call cover. Each runs in the binding's Kafka
 * transaction (consume, decide, publish, commit: exactly once).
 */
@Configuration(proxyBeanMethods = false)
public class MatchingProcessor {

    private static final Logger log = LoggerFactory.getLogger(MatchingProcessor.class);

    private final Clock clock = Clock.systemUTC();

    @Bean
    Consumer<Message<byte[]>> matchRoutine(Matcher matcher, ClinicianRoster roster, EventPublisher publisher) {
        return message -> {
            EventEnvelope<IntakeTriaged> triaged = EventJson.read(message.getPayload(), Events.INTAKE_TRIAGED);
            if (triaged.payload().categories().contains(Category.URGENT)) {
                return; // assigned from the priority lane
            }
            MatchDecision decision = matcher.matchRoutine(triaged.payload().routing(),
                    triaged.payload().categories(), roster.clinicians());
            publish(publisher, triaged, decision);
        };
    }

    @Bean
    Consumer<Message<byte[]>> matchUrgent(Matcher matcher, ClinicianRoster roster, EventPublisher publisher,
            MeterRegistry meters) {
        Counter noCover = Counter.builder("matching.urgent.cover.missing")
                .description("Urgent intakes for which no on-call cover was found")
                .register(meters);
        return message -> {
            EventEnvelope<UrgentIntakeFlagged> urgent =
                    EventJson.read(message.getPayload(), Events.URGENT_INTAKE_FLAGGED);
            var assigned = matcher.matchUrgent(urgent.payload().routing(), roster.clinicians());
            if (assigned.isPresent()) {
                publish(publisher, urgent, assigned.get());
            } else {
                noCover.increment();
                log.warn("URGENT_COVER_MISSING: no on-call cover for intake {}", urgent.intakeId());
                publish(publisher, urgent, new MatchDecision.Waitlisted(List.of("ON_CALL_COVER")));
            }
        };
    }

    private void publish(EventPublisher publisher, EventEnvelope<?> cause, MatchDecision decision) {
        var now = clock.instant();
        if (decision instanceof MatchDecision.Assigned a) {
            publisher.publish(Events.CLINICIAN_ASSIGNED, cause.answer(Events.CLINICIAN_ASSIGNED, now,
                    new ClinicianAssigned(a.clinician().id(), a.clinician().displayName(),
                            a.clinician().credentials(), a.onCall(), a.reasonCodes())));
        } else if (decision instanceof MatchDecision.Waitlisted w) {
            publisher.publish(Events.INTAKE_WAITLISTED, cause.answer(Events.INTAKE_WAITLISTED, now,
                    new IntakeWaitlisted(w.unmetConstraints(), List.of("NO_CLINICIAN_MEETS_ALL_CONSTRAINTS"))));
        }
        log.info("Matched intake {}", cause.intakeId());
    }
}
