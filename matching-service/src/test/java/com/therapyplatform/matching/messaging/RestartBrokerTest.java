package com.therapyplatform.matching.messaging;

import static com.therapyplatform.matching.TestRoster.clinician;
import static com.therapyplatform.matching.TestRoster.onCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.matching.TestRoster;
import com.therapyplatform.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capacity ledger, the waitlist and the urgent intakes waiting for cover survive a restart: the
 * second instance starts with an empty state directory, so all it knows comes back from Kafka.
 */
class RestartBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static String send(String id, Instant submittedAt) {
        kafka.send(Topics.INTAKE_TRIAGED, id, EventJson.write(TestRoster.triaged(id, "RA", Set.of(), submittedAt)));
        return id;
    }

    private static void awaitOutcome(String topic, String intakeId) {
        kafka.awaitRecords(topic, r -> intakeId.equals(r.key()), 1, WAIT);
    }

    @Test
    void ledgerWaitlistAndUrgentIntakesWithoutCoverSurviveARestartOnAnEmptyStateDirectory() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        String urgentId = run + "-urgent";
        try (MatchingInstance before = MatchingInstance.start()) {
            before.putClinician(clinician("ra-two-slots", Set.of("RA"), 2));
            awaitOutcome(Topics.INTAKE_MATCHED, send(run + "-1", t0.plusSeconds(1)));
            awaitOutcome(Topics.INTAKE_MATCHED, send(run + "-2", t0.plusSeconds(2)));
            awaitOutcome(Topics.INTAKE_WAITLISTED, send(run + "-3", t0.plusSeconds(3)));
            awaitOutcome(Topics.INTAKE_WAITLISTED, send(run + "-4", t0.plusSeconds(4)));
            kafka.send(Topics.INTAKE_URGENT, urgentId, EventJson.write(TestRoster.urgent(urgentId, "RU")));
            awaitOutcome(Topics.MATCHING_ESCALATIONS, urgentId);
        }

        try (MatchingInstance after = MatchingInstance.start()) {
            // the ledger remembers the clinician is full
            String fifth = send(run + "-5", t0.plusSeconds(5));
            awaitOutcome(Topics.INTAKE_WAITLISTED, fifth);
            assertThat(after.streams().caseload("ra-two-slots").assigned()).isEqualTo(2);

            // the waitlist remembers who came first
            after.release("ra-two-slots", run + "-1");
            var rematched = EventJson.read(kafka.awaitRecords(Topics.INTAKE_MATCHED,
                    r -> r.key().startsWith(run + "-") && !r.key().equals(run + "-1") && !r.key().equals(run + "-2"),
                    1, WAIT).get(0).value(), Events.CLINICIAN_ASSIGNED);
            assertThat(rematched.intakeId()).isEqualTo(run + "-3");

            // the urgent intake is still first in line for cover
            after.putClinician(onCall("ru-oncall", Set.of("RU")));
            var urgent = EventJson.read(kafka.awaitRecords(Topics.INTAKE_MATCHED, r -> urgentId.equals(r.key()), 1,
                    WAIT).get(0).value(), Events.CLINICIAN_ASSIGNED);
            assertThat(urgent.payload().onCall()).isTrue();
            assertThat(kafka.readAll(Topics.INTAKE_MATCHED, r -> r.key().startsWith(run + "-4")
                    || r.key().startsWith(run + "-5"), WAIT)).isEmpty();
        }
    }
}
