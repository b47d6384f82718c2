package com.therapyplatform.matching.messaging;

import static com.therapyplatform.matching.TestRoster.clinician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.TestRoster;
import com.therapyplatform.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two matching-service instances share the work (the partitions of every topic) while a burst of
 * 1,000 intakes competes for a small roster, including clinicians licensed in both states.
 */
class TwoInstancesBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<ClinicianProfile> ROSTER = List.of(
            clinician("ta-only", Set.of("TA"), 5),
            clinician("ta-tb-small", Set.of("TA", "TB"), 4),
            clinician("tb-only", Set.of("TB"), 3),
            clinician("ta-tb-large", Set.of("TA", "TB"), 6));
    private static final int CAPACITY = ROSTER.stream().mapToInt(ClinicianProfile::caseloadCapacity).sum();

    private static KafkaTestClient kafka;
    private static MatchingInstance first;
    private static MatchingInstance second;

    @BeforeAll
    static void start() {
        kafka = KafkaTestClient.connect();
        first = MatchingInstance.start();
        second = MatchingInstance.start();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        kafka.close();
    }

    @Test
    void aBurstOfAThousandIntakesOnTwoInstancesNeverOverAssignsAndEveryIntakeIsDecidedExactlyOnce() {
        ROSTER.forEach(first::putClinician);
        await().atMost(WAIT).until(() -> second.streams().clinicians().containsAll(ROSTER));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> stateOf = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            String intakeId = run + "-" + String.format("%04d", i);
            String state = i % 2 == 0 ? "TA" : "TB";
            stateOf.put(intakeId, state);
            var triaged = TestRoster.triaged(intakeId, state, Set.of(), T0.plusMillis(i));
            kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(triaged));
        }

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> outcomes(run).size() >= 1000);
        Map<String, List<String>> outcomes = outcomes(run);
        Map<String, List<EventEnvelope<ClinicianAssigned>>> assigned = assignments(run);

        assertThat(outcomes).as("every intake decided").hasSize(1000);
        assertThat(outcomes.values()).as("and decided once: one assignment or one waitlisting")
                .allSatisfy(o -> assertThat(o).hasSize(1));
        Map<String, Long> perClinician = assigned.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(e -> e.payload().clinicianId(), Collectors.counting()));
        ROSTER.forEach(c -> assertThat(perClinician.getOrDefault(c.id(), 0L)).as(c.id())
                .isEqualTo(c.caseloadCapacity()));
        assertThat(assigned).hasSize(CAPACITY);
        assigned.forEach((intakeId, events) -> assertThat(ROSTER.stream()
                .filter(c -> c.id().equals(events.get(0).payload().clinicianId())).findFirst().orElseThrow()
                .licensedStates()).as(intakeId).contains(stateOf.get(intakeId)));

        // three engagements of the TA-only clinician end: the three earliest waitlisted TA intakes get them
        List<String> taOnlyClients = assigned.entrySet().stream()
                .filter(e -> e.getValue().get(0).payload().clinicianId().equals("ta-only"))
                .map(Map.Entry::getKey).sorted().toList();
        List<String> earliestWaitingInTa = stateOf.keySet().stream()
                .filter(id -> stateOf.get(id).equals("TA") && !assigned.containsKey(id))
                .sorted().limit(3).toList();
        taOnlyClients.subList(0, 3).forEach(intakeId -> second.release("ta-only", intakeId));

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> assignments(run).size() >= CAPACITY + 3);
        Map<String, List<EventEnvelope<ClinicianAssigned>>> after = assignments(run);
        List<String> rematched = after.keySet().stream().filter(id -> !assigned.containsKey(id)).sorted().toList();
        assertThat(rematched).isEqualTo(earliestWaitingInTa);
        assertThat(rematched).allSatisfy(id -> assertThat(after.get(id)).singleElement()
                .satisfies(e -> assertThat(e.payload().clinicianId()).isEqualTo("ta-only")));
        await().atMost(WAIT).until(() -> first.streams().caseload("ta-only").assigned() == 5);
    }

    /** Every outcome event of this run's intakes, per intake: "assigned" or "waitlisted". */
    private static Map<String, List<String>> outcomes(String run) {
        Map<String, List<String>> outcomes = new HashMap<>();
        for (var record : read(Topics.INTAKE_MATCHED, run)) {
            outcomes.computeIfAbsent(record.key(), k -> new ArrayList<>()).add("assigned");
        }
        for (var record : read(Topics.INTAKE_WAITLISTED, run)) {
            outcomes.computeIfAbsent(record.key(), k -> new ArrayList<>()).add("waitlisted");
        }
        return outcomes;
    }

    private static Map<String, List<EventEnvelope<ClinicianAssigned>>> assignments(String run) {
        return read(Topics.INTAKE_MATCHED, run).stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> EventJson.read(r.value(), Events.CLINICIAN_ASSIGNED), Collectors.toList())));
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, String run) {
        return kafka.readAll(topic, r -> r.key() != null && r.key().startsWith(run), Duration.ofSeconds(30));
    }
}
