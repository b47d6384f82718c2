package com.therapyplatform.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.WithKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "spring.config.name=matching-service", webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithKafkaBroker
class MatchingServiceBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static EventEnvelope<IntakeTriaged> triaged(String intakeId, String state, Set<Category> categories) {
        var submitted = SampleEvents.routineSubmitted(intakeId);
        return submitted.answer(Events.INTAKE_TRIAGED, Instant.now(), new IntakeTriaged(SampleEvents.routing(state),
                categories, RiskTier.NONE, List.of(), "test"));
    }

    @Test
    void routineIntakeIsAssignedAClinicianLicensedInTheClientsStateWithCausation() {
        String intakeId = SampleEvents.newIntakeId();
        var triaged = triaged(intakeId, "CA", Set.of(Category.RELATIONSHIP_CONCERN));
        kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(triaged));

        var assigned = EventJson.read(kafka.awaitRecords(Topics.INTAKE_MATCHED, r -> intakeId.equals(r.key()), 1, WAIT)
                .get(0).value(), Events.CLINICIAN_ASSIGNED);
        assertThat(assigned.payload().onCall()).isFalse();
        assertThat(assigned.payload().reasonCodes()).contains("LICENSED_IN_STATE", "SPECIALTY_FIT_RELATIONSHIP");
        assertThat(assigned.causationId()).isEqualTo(triaged.eventId().toString());
        assertThat(assigned.correlationId()).isEqualTo(triaged.correlationId());
    }

    @Test
    void routineIntakeNobodyCanTakeIsWaitlistedWithTheUnmetConstraint() {
        String intakeId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(triaged(intakeId, "AK", Set.of())));

        var waitlisted = EventJson.read(kafka.awaitRecords(Topics.INTAKE_WAITLISTED, r -> intakeId.equals(r.key()), 1,
                WAIT).get(0).value(), Events.INTAKE_WAITLISTED);
        assertThat(waitlisted.payload().unmetConstraints()).containsExactly("LICENSED_IN_STATE");
    }

    @Test
    void urgentIntakeIsAssignedOnCallCoverFromThePriorityLaneOnly() {
        String intakeId = SampleEvents.newIntakeId();
        var submitted = SampleEvents.urgentSubmitted(intakeId);
        var urgent = submitted.answer(Events.URGENT_INTAKE_FLAGGED, Instant.now(),
                new UrgentIntakeFlagged(SampleEvents.routing("CA"), RiskTier.ELEVATED, "test"));
        // the triaged twin of an urgent intake must not be matched a second time
        kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(submitted.answer(Events.INTAKE_TRIAGED,
                Instant.now(), new IntakeTriaged(SampleEvents.routing("CA"), Set.of(Category.URGENT),
                        RiskTier.ELEVATED, List.of(), "test"))));
        kafka.send(Topics.INTAKE_URGENT, intakeId, EventJson.write(urgent));

        var assigned = EventJson.read(kafka.awaitRecords(Topics.INTAKE_MATCHED, r -> intakeId.equals(r.key()), 1, WAIT)
                .get(0).value(), Events.CLINICIAN_ASSIGNED);
        assertThat(assigned.payload().onCall()).isTrue();
        assertThat(assigned.causationId()).isEqualTo(urgent.eventId().toString());
        // a later routine intake is matched, so the urgent intake's triaged twin was consumed and skipped by now
        String laterId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_TRIAGED, laterId, EventJson.write(triaged(laterId, "CA", Set.of())));
        kafka.awaitRecords(Topics.INTAKE_MATCHED, r -> laterId.equals(r.key()), 1, WAIT);
        assertThat(kafka.readAll(Topics.INTAKE_MATCHED, r -> intakeId.equals(r.key()), WAIT)).hasSize(1);
    }
}
