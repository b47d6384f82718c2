package com.therapyplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.intake.IntakeServiceApplication;
import com.therapyplatform.matching.MatchingServiceApplication;
import com.therapyplatform.notification.NotificationServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.TestCredentials;
import com.therapyplatform.triage.TriageServiceApplication;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services, each in its own application context, on one real broker and one SMTP server:
 * an intake posted over HTTP is triaged, matched and confirmed, and every event carries the intake's
 * correlation id and the id of the event it answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeFlowEndToEndTest {

    /** PHI that the sample intakes carry: none of it may reach a log line. */
    private static final List<String> SAMPLE_PHI = List.of("Riley Example", "riley@example.org", "+15555550123",
            "rebuilding trust", "Sam Example", "sam@example.org", "nothing will get better");

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static KafkaTestClient kafka;
    private static int intakePort;
    private static int notificationPort;

    @BeforeAll
    static void startPlatform() {
        String brokers = KafkaTestBroker.bootstrapServers();
        kafka = KafkaTestClient.connect();
        // the local profile records SMS instead of sending them (no provider credentials in tests)
        ConfigurableApplicationContext notification =
                start(NotificationServiceApplication.builder().profiles("local"), brokers, "notification");
        services.add(notification);
        notificationPort = Integer.parseInt(notification.getEnvironment().getProperty("local.server.port"));
        // the local profile loads matching's seed roster (42 clinicians, on-call cover in every state)
        services.add(start(MatchingServiceApplication.builder().profiles("local"), brokers, "matching"));
        services.add(start(TriageServiceApplication.builder(), brokers, "triage"));
        ConfigurableApplicationContext intake = start(IntakeServiceApplication.builder(), brokers, "intake");
        services.add(intake);
        intakePort = Integer.parseInt(intake.getEnvironment().getProperty("local.server.port"));
        // readiness means "can process": Kafka Streams applications included
        services.forEach(service -> await().atMost(WAIT).until(() -> readiness(service) == 200));
    }

    private static int readiness(ConfigurableApplicationContext service) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Command-line arguments, so they outrank each service's own configuration file. */
    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String brokers,
            String name) {
        Map<String, Object> properties = new HashMap<>(KafkaBrokerContextCustomizerFactory.brokerProperties(brokers));
        properties.put("server.port", "0");
        properties.putAll(TestCredentials.properties());
        properties.put("INSTANCE_ID", name + "-" + UUID.randomUUID());
        properties.put("spring.mail.port", smtp.getSmtp().getPort());
        properties.put("spring.kafka.streams.state-dir",
                System.getProperty("java.io.tmpdir") + "/e2e-" + name + "-" + UUID.randomUUID());
        return builder.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    @AfterAll
    static void stopPlatform() {
        services.forEach(ConfigurableApplicationContext::close);
        kafka.close();
    }

    private static String submit(String example) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intakePort + "/api/v1/intakes"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Files.readString(Path.of("..", "docs", "examples", example))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return EventJson.mapper().readTree(response.body()).get("intakeId").asString();
    }

    private static <P> EventEnvelope<P> awaitEvent(EventType<P> type, String intakeId) {
        return EventJson.read(kafka.awaitRecords(type.topic(), r -> intakeId.equals(r.key()), 1, WAIT).get(0).value(),
                type);
    }

    private static EventEnvelope<NotificationSent> awaitNotification(String intakeId, NotificationReason reason) {
        return kafka.awaitRecords(Events.NOTIFICATION_SENT.topic(), r -> intakeId.equals(r.key())
                        && EventJson.read(r.value(), Events.NOTIFICATION_SENT).payload().reason() == reason, 1, WAIT)
                .stream().map(r -> EventJson.read(r.value(), Events.NOTIFICATION_SENT)).findFirst().orElseThrow();
    }

    @Test
    void routineIntakeIsTriagedMatchedAndConfirmedWithOneCorrelationAndACausalChain(CapturedOutput logs)
            throws Exception {
        String intakeId = submit("intake-routine.json");

        var submitted = awaitEvent(Events.INTAKE_SUBMITTED, intakeId);
        var triaged = awaitEvent(Events.INTAKE_TRIAGED, intakeId);
        var matched = awaitEvent(Events.CLINICIAN_ASSIGNED, intakeId);
        var confirmation = awaitNotification(intakeId, NotificationReason.MATCH_CONFIRMATION);
        var receipt = awaitNotification(intakeId, NotificationReason.RECEIPT);

        String correlation = submitted.eventId().toString();
        assertThat(List.of(triaged.correlationId(), matched.correlationId(), confirmation.correlationId(),
                receipt.correlationId())).containsOnly(correlation);
        assertThat(triaged.causationId()).isEqualTo(submitted.eventId().toString());
        assertThat(matched.causationId()).isEqualTo(triaged.eventId().toString());
        assertThat(confirmation.causationId()).isEqualTo(matched.eventId().toString());
        assertThat(triaged.payload().categories()).contains(Category.RELATIONSHIP_CONCERN);

        // one trace from the HTTP request through every hop (W3C traceparent: 00-<trace id>-<span id>-<flags>)
        List<String> traceIds = new ArrayList<>();
        for (EventType<?> type : List.of(Events.INTAKE_SUBMITTED, Events.INTAKE_CONTACT_PROVIDED,
                Events.INTAKE_TRIAGED, Events.CLINICIAN_ASSIGNED, Events.NOTIFICATION_SENT)) {
            kafka.awaitRecords(type.topic(), r -> intakeId.equals(r.key()), 1, WAIT).forEach(r ->
                    traceIds.add(KafkaTestClient.header(r, "traceparent").split("-")[1]));
        }
        assertThat(traceIds).hasSizeGreaterThanOrEqualTo(5).containsOnly(traceIds.get(0));

        await().atMost(WAIT).until(() -> mailFor("riley@example.org", confirmation.payload().messageId()) != null);
        assertThat(plainText(mailFor("riley@example.org", confirmation.payload().messageId())))
                .contains(matched.payload().clinicianDisplayName());
        assertThat(logs.getAll()).contains("Sent MATCH_CONFIRMATION by EMAIL for intake " + intakeId);
        awaitNotification(intakeId, NotificationReason.CLINICIAN_NEW_CLIENT);
        await().atMost(WAIT).until(() -> auditTrail(intakeId).contains("\"reason\":\"MATCH_CONFIRMATION\""));
        assertThat(auditTrail(intakeId)).contains("\"reason\":\"RECEIPT\"", "\"reason\":\"CLINICIAN_NEW_CLIENT\"")
                .doesNotContain("riley@example.org");
        // staff read the trail: the staff access log says who read which intake's trail
        assertThat(logs.getAll()).contains("staff-access principal=" + TestCredentials.STAFF_USER
                + " action=notification-audit.read endpoint=\"GET /api/v1/notifications\" intakeId=" + intakeId);
        assertNoSamplePhiIn(logs);
    }

    @Test
    void urgentIntakeGetsCrisisResourcesAndOnCallCoverFromThePriorityLane(CapturedOutput logs) throws Exception {
        String intakeId = submit("intake-urgent.json");

        var urgent = awaitEvent(Events.URGENT_INTAKE_FLAGGED, intakeId);
        var crisis = awaitNotification(intakeId, NotificationReason.CRISIS_RESOURCES);
        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, intakeId);

        assertThat(crisis.causationId()).isEqualTo(urgent.eventId().toString());
        assertThat(assigned.causationId()).isEqualTo(urgent.eventId().toString());
        assertThat(assigned.payload().onCall()).isTrue();
        await().atMost(WAIT).until(() -> mailFor("sam@example.org", crisis.payload().messageId()) != null);
        assertThat(logs.getAll()).contains("Sent CRISIS_RESOURCES by EMAIL for intake " + intakeId);
        // the on-call clinician is paged by SMS (recorded by the local sink) and e-mail
        var page = awaitNotification(intakeId, NotificationReason.ON_CALL_PAGE);
        assertThat(page.causationId()).isEqualTo(assigned.eventId().toString());
        await().atMost(WAIT).until(() -> get("/local/sms").contains("/intakes/" + intakeId));
        // the recorded texts (phone numbers) are for staff only
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + notificationPort + "/local/sms")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertNoSamplePhiIn(logs);
    }

    private static String auditTrail(String intakeId) throws Exception {
        return get("/api/v1/notifications?intakeId=" + intakeId);
    }

    /** A staff read from notification-service. */
    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + notificationPort + path))
                        .header("Authorization", TestCredentials.staffAuthorization()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Every log line of the platform; the SMTP sink stands in for the outside mail server and is left out. */
    private static void assertNoSamplePhiIn(CapturedOutput logs) {
        String platformLines = logs.getAll().lines()
                .filter(line -> !line.contains("icegreen.greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
        SAMPLE_PHI.forEach(phi -> assertThat(platformLines).doesNotContainIgnoringCase(phi));
    }

    /** The text/plain alternative of a multipart/alternative mail. */
    private static String plainText(MimeMessage mail) throws Exception {
        jakarta.mail.Multipart alternatives = (jakarta.mail.Multipart) mail.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType("text/plain")) {
                return (String) alternatives.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text/plain part");
    }

    private static MimeMessage mailFor(String address, String messageId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && messageId.equals(m.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
    }
}
