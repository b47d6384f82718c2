package com.therapyplatform.matching.messaging;

import static com.therapyplatform.matching.TestRoster.clinician;
import static com.therapyplatform.matching.TestRoster.onCall;
import static com.therapyplatform.matching.TestRoster.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.roster.Specialty;
import com.therapyplatform.matching.TestRoster;
import com.therapyplatform.platform.kafka.DeadLetters;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.support.KafkaHeaders;

/** One matching-service on a real broker: the lanes, the waitlist, on-call escalation, dead letters. */
@ExtendWith(OutputCaptureExtension.class)
class MatchingServiceBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;
    private static MatchingInstance matching;

    @BeforeAll
    static void start() {
        kafka = KafkaTestClient.connect();
        matching = MatchingInstance.start();
    }

    @AfterAll
    static void stop() {
        matching.close();
        kafka.close();
    }

    private static <P> EventEnvelope<P> awaitEvent(EventType<P> type, String intakeId) {
        return EventJson.read(kafka.awaitRecords(type.topic(), r -> intakeId.equals(r.key()), 1, WAIT).get(0).value(),
                type);
    }

    private static EventEnvelope<IntakeTriaged> sendTriaged(String state, Set<Category> categories,
            Instant submittedAt) {
        var triaged = triaged(SampleEvents.newIntakeId(), state, categories, submittedAt);
        kafka.send(Topics.INTAKE_TRIAGED, triaged.intakeId(), EventJson.write(triaged));
        return triaged;
    }

    @Test
    void routineIntakeIsAssignedTheBestFittingLicensedClinicianWithReasonsAndCausation() {
        matching.putClinician(clinician("ka-depression", Set.of("KA"), 5, Specialty.DEPRESSION));
        matching.putClinician(clinician("ka-relationship", Set.of("KA"), 5, Specialty.RELATIONSHIP));
        var triaged = sendTriaged("KA", Set.of(Category.RELATIONSHIP_CONCERN), Instant.now());

        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, triaged.intakeId());
        assertThat(assigned.payload().clinicianId()).isEqualTo("ka-relationship");
        assertThat(assigned.payload().onCall()).isFalse();
        assertThat(assigned.payload().reasonCodes()).contains("LICENSED_IN_STATE", "HAS_CAPACITY",
                "SPECIALTY_FIT_RELATIONSHIP");
        assertThat(assigned.causationId()).isEqualTo(triaged.eventId().toString());
        assertThat(assigned.correlationId()).isEqualTo(triaged.correlationId());
    }

    @Test
    void intakeNobodyCanTakeIsWaitlistedWithTheUnmetConstraintAndMatchedWhenTheRosterChanges() {
        var triaged = sendTriaged("KB", Set.of(), Instant.now());

        var waitlisted = awaitEvent(Events.INTAKE_WAITLISTED, triaged.intakeId());
        assertThat(waitlisted.payload().unmetConstraints()).containsExactly("LICENSED_IN_STATE");

        matching.putClinician(clinician("kb-new", Set.of("KB"), 3));
        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, triaged.intakeId());
        assertThat(assigned.payload().clinicianId()).isEqualTo("kb-new");
        assertThat(assigned.payload().reasonCodes()).contains("REMATCHED_FROM_WAITLIST");
    }

    @Test
    void freedCapacityGoesToTheWaitlistedIntakesInOrderOfArrival() {
        matching.putClinician(clinician("kc-single", Set.of("KC"), 1));
        Instant t0 = Instant.now();
        var first = sendTriaged("KC", Set.of(), t0);
        awaitEvent(Events.CLINICIAN_ASSIGNED, first.intakeId());
        // sent newest first: arrival is when the intake was submitted, not when matching read it
        var third = sendTriaged("KC", Set.of(), t0.plusSeconds(2));
        var second = sendTriaged("KC", Set.of(), t0.plusSeconds(1));
        assertThat(awaitEvent(Events.INTAKE_WAITLISTED, third.intakeId()).payload().unmetConstraints())
                .containsExactly("HAS_CAPACITY");
        awaitEvent(Events.INTAKE_WAITLISTED, second.intakeId());

        matching.release("kc-single", first.intakeId());

        awaitEvent(Events.CLINICIAN_ASSIGNED, second.intakeId());
        assertThat(kafka.readAll(Topics.INTAKE_MATCHED, r -> third.intakeId().equals(r.key()), WAIT)).isEmpty();
        matching.release("kc-single", second.intakeId());
        awaitEvent(Events.CLINICIAN_ASSIGNED, third.intakeId());
    }

    @Test
    void urgentIntakeIsAssignedOnCallCoverFromThePriorityLaneOnlyAndNotCountedAgainstCapacity() {
        matching.putClinician(onCall("kd-oncall", Set.of("KD")));
        String intakeId = SampleEvents.newIntakeId();
        var urgent = TestRoster.urgent(intakeId, "KD");
        // the triaged twin of an urgent intake must not be matched a second time
        var twin = triaged(intakeId, "KD", Set.of(Category.URGENT), Instant.now());
        kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(twin));
        kafka.send(Topics.INTAKE_URGENT, intakeId, EventJson.write(urgent));

        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, intakeId);
        assertThat(assigned.payload().onCall()).isTrue();
        assertThat(assigned.payload().clinicianId()).isEqualTo("kd-oncall");
        assertThat(assigned.causationId()).isEqualTo(urgent.eventId().toString());
        await().atMost(WAIT).until(() -> matching.streams().caseload("kd-oncall").onCall() == 1);
        assertThat(matching.streams().caseload("kd-oncall").routineLoad()).isZero();
        // a later routine intake is matched, so the urgent intake's twin was read and skipped by now
        var later = sendTriaged("KD", Set.of(), Instant.now());
        awaitEvent(Events.CLINICIAN_ASSIGNED, later.intakeId());
        assertThat(kafka.readAll(Topics.INTAKE_MATCHED, r -> intakeId.equals(r.key()), WAIT)).hasSize(1);
    }

    private double coverMissing() {
        return matching.meters().counter(MatchingMetrics.OUTCOMES, "lane", "urgent", "outcome",
                MatchingMetrics.NO_ON_CALL_COVER).count();
    }

    @Test
    void urgentIntakeWithoutCoverIsEscalatedCountedLoggedAndAssignedFirstWhenCoverComesOnCall(CapturedOutput logs) {
        double missingBefore = coverMissing();
        String intakeId = SampleEvents.newIntakeId();
        var urgent = TestRoster.urgent(intakeId, "KE");
        kafka.send(Topics.INTAKE_URGENT, intakeId, EventJson.write(urgent));

        var escalation = awaitEvent(Events.URGENT_COVER_MISSING, intakeId);
        assertThat(escalation.payload().state()).isEqualTo("KE");
        assertThat(escalation.payload().riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(escalation.causationId()).isEqualTo(urgent.eventId().toString());
        assertThat(coverMissing()).isEqualTo(missingBefore + 1);
        assertThat(logs.getAll()).contains("URGENT_COVER_MISSING: no on-call cover for intake " + intakeId);
        assertThat(matching.meters().get(UrgentProcessor.PENDING).gauge().value()).isPositive();

        matching.putClinician(onCall("ke-oncall", Set.of("KE")));

        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, intakeId);
        assertThat(assigned.payload().onCall()).isTrue();
        assertThat(assigned.payload().reasonCodes()).contains("ASSIGNED_AFTER_COVER_MISSING");
    }

    @Test
    void unreadableTriagedRecordGoesToTheDeadLetterTopicWithSafeHeadersAndDoesNotBlockTheNext() {
        String poisonId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_TRIAGED, poisonId, "{\"eventType\":\"IntakeTriaged\", not json");
        matching.putClinician(clinician("kf-any", Set.of("KF"), 5));
        var next = sendTriaged("KF", Set.of(), Instant.now());

        var dead = kafka.awaitRecords(Topics.deadLetter(Topics.INTAKE_TRIAGED), r -> poisonId.equals(r.key()), 1, WAIT)
                .get(0);
        assertThat(KafkaTestClient.header(dead, DeadLetters.REASON_HEADER)).isEqualTo("UNPARSEABLE");
        assertThat(KafkaTestClient.header(dead, DeadLetters.ERROR_CLASS_HEADER)).isEqualTo("EventDecodingException");
        // counted like the binder services' dead letters, by source topic and codes
        assertThat(matching.meters().counter(FlowMetrics.DEAD_LETTERS, "topic", Topics.INTAKE_TRIAGED,
                "error_class", "EventDecodingException", "reason", "UNPARSEABLE").count()).isGreaterThanOrEqualTo(1);
        // where it came from, as on the binder's dead letters, so the dead-letter endpoint can replay it
        assertThat(KafkaTestClient.header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.INTAKE_TRIAGED);
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).hasSize(Long.BYTES);
        awaitEvent(Events.CLINICIAN_ASSIGNED, next.intakeId());
        assertThat(List.of(dead.headers().toArray())).allSatisfy(h -> assertThat(new String(h.value()))
                .doesNotContain("not json"));
    }

    @Test
    void rosterApiRefusesBadInputWithAProblemListingFieldsByPointerAndNeverEchoesWhatWasSent() {
        String bad = """
                {"displayName": "Dr. Secret Name", "credentials": "LCSW", "licensedStates": ["California"],
                 "modalities": ["VIDEO"], "languages": ["en"], "specialties": [], "caseloadCapacity": -1,
                 "acceptingNewClients": true, "workEmail": "not-an-address-SECRET",
                 "onCallSchedule": [{"states": ["NV"], "days": ["MONDAY"], "from": "25:00", "until": "08:00",
                                     "timeZone": "Mars/Olympus"}]}""";

        var response = matching.http("PUT", "/api/v1/clinicians/kg-1", bad);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"/licensedStates\"", "\"/caseloadCapacity\"", "\"/workEmail\"",
                "\"/onCallSchedule/0/from\"", "\"/onCallSchedule/0/timeZone\"", "\"/onCallSchedule\"")
                .doesNotContain("California", "SECRET", "Mars", "Secret Name", "25:00");
        assertThat(matching.http("PUT", "/api/v1/clinicians/kg-1", "{\"favouriteColour\": \"teal\"}").body())
                .contains("/favouriteColour").doesNotContain("teal");
        assertThat(matching.http("PUT", "/api/v1/clinicians/kg-1", "{not json").statusCode()).isEqualTo(400);
        assertThat(matching.http("POST", "/api/v1/clinicians/kg-1/releases", "{\"intakeId\": \"<script>\"}")
                .statusCode()).isEqualTo(400);
        assertThat(matching.http("GET", "/api/v1/clinicians/bad%20id", null).statusCode()).isEqualTo(400);
        var unknown = matching.http("GET", "/api/v1/clinicians/nobody-here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Clinician not found");
    }

    @Test
    void rosterApiPutsListsShowsTheCaseloadAndRemovesAClinician() {
        var profile = clinician("kh-1", Set.of("KH"), 7, Specialty.CRISIS);
        matching.putClinician(profile);

        var one = matching.http("GET", "/api/v1/clinicians/kh-1", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"workEmail\":\"kh-1@clinicians.example\"", "\"capacity\":7",
                "\"assigned\":0");
        assertThat(matching.http("GET", "/api/v1/clinicians", null).body()).contains("\"id\":\"kh-1\"");
        String withOtherId = new String(EventJson.writeValue(clinician("kh-2", Set.of("KH"), 7)));
        assertThat(matching.http("PUT", "/api/v1/clinicians/kh-1", withOtherId).body()).contains("\"/id\"");

        assertThat(matching.http("DELETE", "/api/v1/clinicians/kh-1", null).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> matching.http("GET", "/api/v1/clinicians/kh-1", null).statusCode() == 404);
    }

    @Test
    void rosterApiNeedsStaffActuatorNeedsOpsAndHealthIsAnonymous() {
        String ops = TestCredentials.opsAuthorization();
        String staff = TestCredentials.staffAuthorization();
        var anonymous = matching.http("GET", "/api/v1/clinicians", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(matching.http("GET", "/api/v1/clinicians", null, ops).statusCode()).isEqualTo(403);
        assertThat(matching.http("GET", "/api/v1/clinicians", null, staff).statusCode()).isEqualTo(200);
        String body = new String(EventJson.writeValue(clinician("ki-1", Set.of("KI"), 3)));
        assertThat(matching.http("PUT", "/api/v1/clinicians/ki-1", body, null).statusCode()).isEqualTo(401);
        assertThat(matching.http("PUT", "/api/v1/clinicians/ki-1", body, ops).statusCode()).isEqualTo(403);
        assertThat(matching.http("DELETE", "/api/v1/clinicians/ki-1", null, null).statusCode()).isEqualTo(401);
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            assertThat(matching.http("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(matching.http("GET", path, null, staff).statusCode()).as(path).isEqualTo(403);
            assertThat(matching.http("GET", path, null, ops).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(matching.http("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        assertThat(matching.http("GET", "/api/v1/notifications", null, staff).statusCode()).isEqualTo(403);
    }

    @Test
    void rosterReadsAreInTheStaffAccessLogWithWhoAndWhichClinicianButNoContactDetails(CapturedOutput logs) {
        var profile = clinician("kj-1", Set.of("KJ"), 4);
        matching.putClinician(profile);

        assertThat(matching.http("GET", "/api/v1/clinicians/kj-1", null).body()).contains(profile.workEmail());
        assertThat(matching.http("GET", "/api/v1/clinicians", null).statusCode()).isEqualTo(200);
        matching.http("GET", "/api/v1/clinicians/kj-1", null, null);   // refused: nothing read, no record

        List<String> records = logs.getAll().lines().filter(l -> l.contains("staff-access ")).toList();
        assertThat(records).filteredOn(l -> l.contains("clinicianId=kj-1")).singleElement().satisfies(l ->
                assertThat(l).contains("principal=" + TestCredentials.STAFF_USER, "action=roster.read",
                        "endpoint=\"GET /api/v1/clinicians/{id}\"", "intakeId=-", " at=20"));
        assertThat(records).anySatisfy(l -> assertThat(l).contains("action=roster.list",
                "principal=" + TestCredentials.STAFF_USER));
        assertThat(String.join("\n", records)).doesNotContain(profile.workEmail(), profile.workMobile(),
                profile.displayName(), "anonymous");
    }
}
