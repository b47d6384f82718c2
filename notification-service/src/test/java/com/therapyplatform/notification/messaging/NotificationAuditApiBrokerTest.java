package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import com.therapyplatform.testsupport.TestCredentials;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/notifications?intakeId=}: the audit trail from Kafka, for staff only and itself recorded in
 * the staff access log; bad input is a problem, never echoed.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationAuditApiBrokerTest extends NotificationBrokerTestBase {

    @LocalServerPort
    int port;

    HttpResponse<String> get(String query) throws Exception {
        return request("/api/v1/notifications" + query, TestCredentials.staffAuthorization());
    }

    HttpResponse<String> request(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTrailListsEverySendAndFailureOfTheIntakeInOrderWithoutContentOrAddresses() throws Exception {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("audit-" + intake.id + "@clinicians.example", null));
        publish(intake.emailOnly("en"));
        publish(intake.urgent(RiskTier.IMMINENT));
        publish(intake.triaged(java.util.Set.of()));
        publish(intake.assigned(clinician, true));
        var receipt = awaitSent(intake.id, NotificationReason.RECEIPT, Channel.EMAIL);
        awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.EMAIL);
        awaitSent(intake.id, NotificationReason.MATCH_CONFIRMATION, Channel.EMAIL);
        awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.EMAIL);
        awaitFailed(intake.id, NotificationReason.ON_CALL_PAGE, Channel.SMS);

        await().atMost(WAIT).until(() -> EventJson.mapper().readTree(get("?intakeId=" + intake.id).body())
                .get("notifications").size() == 5);
        HttpResponse<String> response = get("?intakeId=" + intake.id);
        JsonNode trail = EventJson.mapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(trail.get("intakeId").asString()).isEqualTo(intake.id);
        var entries = trail.get("notifications").valueStream().toList();
        assertThat(entries).extracting(n -> java.time.Instant.parse(n.get("occurredAt").asString()))
                .isSortedAccordingTo(java.util.Comparator.naturalOrder());
        JsonNode first = entries.stream().filter(n -> n.get("reason").asString().equals("RECEIPT")).findFirst()
                .orElseThrow();
        assertThat(first.get("status").asString()).isEqualTo("SENT");
        assertThat(first.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(first.get("templateId").asString()).isEqualTo("receipt");
        assertThat(first.get("templateVersion").asInt()).isEqualTo(2);
        assertThat(first.get("messageId").asString()).isEqualTo(receipt.payload().messageId());
        assertThat(first.get("eventId").asString()).isEqualTo(receipt.eventId().toString());
        assertThat(trail.get("notifications").valueStream().map(n -> n.get("status").asString() + " "
                + n.get("reason").asString() + " " + n.get("channel").asString()).toList())
                .contains("FAILED ON_CALL_PAGE SMS", "SENT CRISIS_RESOURCES EMAIL");
        assertThat(trail.get("notifications").valueStream().filter(n -> n.has("failureCode"))
                .map(n -> n.get("failureCode").asString()).toList()).containsExactly("NO_ADDRESS");
        assertThat(response.body()).doesNotContain(intake.email, clinician.workEmail(), "Lifeline", "741741");
    }

    @Test
    void anIntakeWithoutNotificationsHasAnEmptyTrail() throws Exception {
        String unknown = java.util.UUID.randomUUID().toString();
        HttpResponse<String> response = get("?intakeId=" + unknown);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"intakeId\":\"" + unknown + "\",\"notifications\":[]}");
    }

    @Test
    void aMissingOrMalformedIntakeIdIsAProblemNamingTheParameterWithoutEchoingIt() throws Exception {
        HttpResponse<String> missing = get("");
        HttpResponse<String> malformed = get("?intakeId=riley%40example.org");

        for (HttpResponse<String> response : java.util.List.of(missing, malformed)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = EventJson.mapper().readTree(response.body());
            assertThat(problem.get("type").asString())
                    .isEqualTo("https://therapyplatform.example/problems/invalid-notification-query");
            assertThat(problem.get("errors").get(0).get("parameter").asString()).isEqualTo("intakeId");
        }
        assertThat(EventJson.mapper().readTree(missing.body()).get("errors").get(0).get("detail").asString())
                .isEqualTo("is required");
        assertThat(malformed.body()).doesNotContain("riley", "example.org");
    }

    @Test
    void theTrailIsForStaffOnlyAndActuatorForOpsOnly() throws Exception {
        String query = "/api/v1/notifications?intakeId=" + java.util.UUID.randomUUID();
        HttpResponse<String> anonymous = request(query, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(request(query, TestCredentials.opsAuthorization()).statusCode()).isEqualTo(403);
        assertThat(request(query, TestCredentials.basic(TestCredentials.STAFF_USER, "guess")).statusCode())
                .isEqualTo(401);
        assertThat(request(query, TestCredentials.staffAuthorization()).statusCode()).isEqualTo(200);
        // the SMS sink (local profile only) is staff-only even where it does not exist
        assertThat(request("/local/sms", null).statusCode()).isEqualTo(401);
        assertThat(request("/local/sms", TestCredentials.opsAuthorization()).statusCode()).isEqualTo(403);
        for (String path : java.util.List.of("/actuator/prometheus", "/actuator/bindings")) {
            assertThat(request(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(request(path, TestCredentials.staffAuthorization()).statusCode()).as(path).isEqualTo(403);
            assertThat(request(path, TestCredentials.opsAuthorization()).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(request("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyReadOfATrailIsInTheStaffAccessLogWithWhoWhenAndWhichIntakeButNoPhi(CapturedOutput logs)
            throws Exception {
        Intake intake = new Intake();
        publish(intake.emailOnly("en"));
        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.EMAIL);

        assertThat(get("?intakeId=" + intake.id).body()).contains("RECEIPT");
        request("/api/v1/notifications?intakeId=" + intake.id, null);   // refused: nothing read, no record

        var records = logs.getAll().lines().filter(l -> l.contains("staff-access ") && l.contains(intake.id))
                .toList();
        assertThat(records).singleElement().satisfies(l -> assertThat(l).contains(
                "principal=" + TestCredentials.STAFF_USER, "action=notification-audit.read",
                "endpoint=\"GET /api/v1/notifications\"", "intakeId=" + intake.id, "clinicianId=-", " at=20")
                .doesNotContain(intake.email, "Test Person", "RECEIPT", "receipt@"));
        // a malformed id is refused before anything is read, and never reaches the log
        get("?intakeId=riley%40example.org");
        assertThat(logs.getAll()).doesNotContain("riley@example.org");
    }
}
