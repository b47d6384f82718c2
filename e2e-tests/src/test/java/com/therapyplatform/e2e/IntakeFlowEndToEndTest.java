package com.therapyplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
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
import java.nio.charset.StandardCharsets;
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
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
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
    private static final Map<String, ConfigurableApplicationContext> byName = new HashMap<>();
    private static KafkaTestClient kafka;
    private static int intakePort;
    private static int notificationPort;

    @BeforeAll
    static void startPlatform() {
        String brokers = KafkaTestBroker.bootstrapServers();
        kafka = KafkaTestClient.connect();
        // the local profile records SMS instead of sending them (no provider credentials in tests)
        // and every service runs with the container profile, as compose runs them: JSON log lines, so the
        // PHI canary and the trace-id check read the structured output that a log collector would ship
        ConfigurableApplicationContext notification = start(
                NotificationServiceApplication.builder().profiles("local", "container"), brokers, "notification");
        notificationPort = Integer.parseInt(notification.getEnvironment().getProperty("local.server.port"));
        // the local profile loads matching's seed roster (42 clinicians, on-call cover in every state)
        start(MatchingServiceApplication.builder().profiles("local", "container"), brokers, "matching");
        start(TriageServiceApplication.builder().profiles("container"), brokers, "triage");
        ConfigurableApplicationContext intake =
                start(IntakeServiceApplication.builder().profiles("container"), brokers, "intake");
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
        ConfigurableApplicationContext service = builder.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
        services.add(service);
        byName.put(name, service);
        return service;
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
        // (the services log JSON here: the record's fields are structured)
        assertThat(logs.getAll()).contains("\"event\":\"staff-access\",\"principal\":\"" + TestCredentials.STAFF_USER
                + "\",\"action\":\"notification-audit.read\",\"endpoint\":\"GET /api/v1/notifications\",\"intakeId\":\""
                + intakeId + "\"");
        assertNoSamplePhiIn(logs);
    }

    @Test
    void urgentIntakeGetsCrisisResourcesAndOnCallCoverFromThePriorityLane(CapturedOutput logs) throws Exception {
        String intakeId = submit("intake-urgent.json");

        var urgent = awaitEvent(Events.URGENT_INTAKE_FLAGGED, intakeId);
        var crisis = awaitNotification(intakeId, NotificationReason.CRISIS_RESOURCES);
        var assigned = awaitEvent(Events.CLINICIAN_ASSIGNED, intakeId);

        // the priority path before triage: intake-service sent the answers to the urgent topic, not the routine one
        var submitted = awaitEvent(Events.INTAKE_SUBMITTED.on(Topics.INTAKE_SUBMITTED_URGENT), intakeId);
        assertThat(kafka.readAll(Topics.INTAKE_SUBMITTED, r -> intakeId.equals(r.key()), WAIT)).isEmpty();
        assertThat(urgent.causationId()).isEqualTo(submitted.eventId().toString());
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

    @Test
    void domainMetricsCountTheFlowAndCanaryPhiReachesNoLogLine(CapturedOutput logs) throws Exception {
        // a person nobody else uses: if any of this reaches a log line, the canary below fails
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> canary = List.of("Quillon Canary" + tag, "canary-" + tag + "@example.org",
                "+1555555" + (1000 + Math.abs(tag.hashCode() % 9000)), "canary phrase " + tag);
        String body = Files.readString(Path.of("..", "docs", "examples", "intake-routine.json"))
                .replace("Riley Example", canary.get(0)).replace("riley@example.org", canary.get(1))
                .replace("+15555550123", canary.get(2)).replace("\"sms\": false", "\"sms\": true")
                .replace("rebuilding trust", canary.get(3));
        HttpResponse<String> accepted = post(intakePort, "/api/v1/intakes", body);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String intakeId = EventJson.mapper().readTree(accepted.body()).get("intakeId").asString();
        assertThat(post(intakePort, "/api/v1/intakes", body.replace("\"age\": 34", "\"age\": 16")).statusCode())
                .isEqualTo(400);
        // a poison record: triage dead-letters it at once
        kafka.send(Events.INTAKE_SUBMITTED.topic(), "poison-" + tag, "{not json".getBytes(StandardCharsets.UTF_8));
        awaitNotification(intakeId, NotificationReason.MATCH_CONFIRMATION);
        awaitNotification(intakeId, NotificationReason.RECEIPT);

        await().atMost(WAIT).untilAsserted(() -> {
            String intake = scrape("intake");
            assertThat(metric(intake, "therapy_intake_submissions_total", "outcome", "accepted", "reason", "none"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(intake, "therapy_intake_submissions_total", "outcome", "rejected", "reason", "invalid"))
                    .isGreaterThanOrEqualTo(1);

            String triage = scrape("triage");
            assertThat(metric(triage, "therapy_triage_categories_total", "category", "RELATIONSHIP_CONCERN"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(triage, "therapy_triage_intakes_total", "risk_tier", "NONE")).isGreaterThanOrEqualTo(1);
            assertThat(metric(triage, "therapy_stage_latency_seconds_count", "stage", "triaged", "lane", "routine"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(triage, "therapy_dead_letters_total", "topic", "intake.submitted.v1",
                    "error_class", "EventDecodingException", "reason", "UNPARSEABLE")).isGreaterThanOrEqualTo(1);

            String matching = scrape("matching");
            assertThat(metric(matching, "therapy_matching_outcomes_total", "lane", "routine", "outcome", "assigned"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(matching, "therapy_stage_latency_seconds_count", "stage", "matched", "lane", "routine"))
                    .isGreaterThanOrEqualTo(1);

            String notification = scrape("notification");
            assertThat(metric(notification, "therapy_notifications_total", "outcome", "sent", "channel", "EMAIL",
                    "reason", "MATCH_CONFIRMATION", "failure", "none")).isGreaterThanOrEqualTo(1);
            assertThat(metric(notification, "therapy_notifications_total", "outcome", "sent", "channel", "SMS",
                    "reason", "RECEIPT", "failure", "none")).isGreaterThanOrEqualTo(1);
            assertThat(metric(notification, "therapy_stage_latency_seconds_count", "stage", "notified",
                    "lane", "routine")).isGreaterThanOrEqualTo(1);
            // a percentile histogram: buckets for histogram_quantile (p50, p99 on the dashboard)
            assertThat(notification).contains("therapy_stage_latency_seconds_bucket{");
            assertThat(metric(notification, "therapy_stage_latency_seconds_bucket", "stage", "notified",
                    "lane", "routine", "le", "+Inf")).isGreaterThanOrEqualTo(1);
        });

        // consumer lag: the binder's per-group gauge and the Kafka clients' own, on every consuming service
        assertThat(scrape("triage")).contains("spring_cloud_stream_binder_kafka_offset{",
                "kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(scrape("notification")).contains("spring_cloud_stream_binder_kafka_offset{",
                "kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(scrape("matching")).contains("kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(scrape("intake")).contains("kafka_consumer_fetch_manager_records_lag_max{");
        // no tag identifies a person or an intake
        for (String service : List.of("intake", "triage", "matching", "notification")) {
            assertThat(scrape(service)).doesNotContain(intakeId).doesNotContainIgnoringCase(canary.get(1));
        }

        // the canary's own message went out, and all four services logged about this intake ...
        assertThat(logs.getAll()).contains("Accepted intake " + intakeId, "Triaged intake " + intakeId,
                "Assigned intake " + intakeId, "Sent MATCH_CONFIRMATION by EMAIL for intake " + intakeId);
        // ... and none of its PHI is in any line
        assertNoPhiIn(logs.getAll(), canary);
        assertNoSamplePhiIn(logs);
    }

    @Test
    void thePhiCanaryFailsOnAStructuredLogLineThatCarriesPhi(CapturedOutput logs) {
        // the container profile's JSON format, as the services write it: the check must see through it
        org.slf4j.LoggerFactory.getLogger(IntakeFlowEndToEndTest.class).info("leak {}", "sam@example.org");
        assertThat(logs.getAll()).contains("\"message\":\"leak ");
        assertThatThrownBy(() -> assertNoSamplePhiIn(logs)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("sam@example.org");
    }

    @Test
    void everyLogLineAboutAnIntakeCarriesItsTraceIdThroughKafkaStreamsStagesToo(CapturedOutput logs)
            throws Exception {
        String intakeId = submit("intake-routine.json");
        awaitNotification(intakeId, NotificationReason.MATCH_CONFIRMATION);
        String traceId = KafkaTestClient.header(kafka.awaitRecords(Events.INTAKE_SUBMITTED.topic(),
                r -> intakeId.equals(r.key()), 1, WAIT).get(0), "traceparent").split("-")[1];
        await().atMost(WAIT).until(() -> logs.getAll().contains("Sent MATCH_CONFIRMATION by EMAIL for intake " + intakeId));

        List<tools.jackson.databind.JsonNode> lines = logs.getAll().lines()
                .filter(line -> line.startsWith("{") && line.contains(intakeId))
                .map(line -> EventJson.mapper().readTree(line))
                .toList();
        // intake (HTTP), triage (binder), matching (Kafka Streams), notification (binder)
        assertThat(lines).extracting(line -> line.path("message").asString()).contains(
                "Accepted intake " + intakeId, "Triaged intake " + intakeId,
                "Sent MATCH_CONFIRMATION by EMAIL for intake " + intakeId)
                .anyMatch(message -> message.startsWith("Assigned intake " + intakeId));
        assertThat(lines).allSatisfy(line -> assertThat(line.path("traceId").asString())
                .as("trace id of %s", line.path("message").asString()).isEqualTo(traceId));
    }

    @Test
    void readinessAndLivenessGroupsHaveTheirMembersAndAreUp() {
        Map<String, List<String>> readiness = Map.of(
                "intake", List.of("readinessState", "kafkaStreams", "kafkaBroker"),
                "triage", List.of("readinessState", "kafkaStreams", "kafkaBroker", "binders"),
                "matching", List.of("readinessState", "kafkaStreams", "kafkaBroker"),
                "notification", List.of("readinessState", "kafkaStreams", "kafkaBroker", "binders"));
        readiness.forEach((name, members) -> {
            HealthEndpoint health = byName.get(name).getBean(HealthEndpoint.class);
            var ready = (CompositeHealthDescriptor) health.healthForPath("readiness");
            assertThat(ready.getComponents().keySet()).as(name).containsExactlyInAnyOrderElementsOf(members);
            assertThat(ready.getStatus()).as(name).isEqualTo(Status.UP);
            var live = (CompositeHealthDescriptor) health.healthForPath("liveness");
            assertThat(live.getComponents().keySet()).as(name).containsExactly("livenessState");
            assertThat(live.getStatus()).as(name).isEqualTo(Status.UP);
        });
    }

    @Test
    void opsPauseTheRoutineTriageBindingAndNothingRoutineIsConsumedUntilTheyResumeItWhileUrgentIntakesGoThrough()
            throws Exception {
        int triage = port("triage");
        String binding = "/actuator/bindings/triage-in-0";
        assertThat(post(triage, binding, "{\"state\":\"PAUSED\"}").statusCode()).isBetween(200, 299);
        String intakeId;
        try {
            assertThat(get(triage, binding).body()).contains("\"state\":\"paused\"");
            assertThat(get(triage, "/actuator/bindings/triageUrgent-in-0").body()).contains("\"state\":\"running\"");
            intakeId = submit("intake-routine.json");
            String submitted = intakeId;
            awaitEvent(Events.INTAKE_SUBMITTED, submitted);
            // the routine binding stands still; the priority path has a binding of its own
            String urgentId = submit("intake-urgent.json");
            awaitEvent(Events.URGENT_INTAKE_FLAGGED, urgentId);
            // a paused binding leaves the record on the topic: nothing triaged for 5 s
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> kafka.readAll(
                    Events.INTAKE_TRIAGED.topic(), r -> submitted.equals(r.key()), WAIT).isEmpty());
        } finally {
            assertThat(post(triage, binding, "{\"state\":\"RESUMED\"}").statusCode()).isBetween(200, 299);
        }
        assertThat(get(triage, binding).body()).contains("\"state\":\"running\"");
        awaitEvent(Events.INTAKE_TRIAGED, intakeId);
    }

    private static int port(String name) {
        return Integer.parseInt(byName.get(name).getEnvironment().getProperty("local.server.port"));
    }

    private static String scrape(String name) throws Exception {
        HttpResponse<String> response = get(port(name), "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (name, value, ...). */
    static double metric(String exposition, String name, String... labels) {
        double sum = 0;
        for (String line : exposition.lines().toList()) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelSet = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labelSet.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(ops(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(ops(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Actuator endpoints other than health need the ops role (HTTP Basic on the local stack). */
    private static HttpRequest.Builder ops(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestCredentials.opsAuthorization());
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
        assertNoPhiIn(logs.getAll(), SAMPLE_PHI);
    }

    private static void assertNoPhiIn(String output, List<String> phi) {
        String platformLines = output.lines()
                .filter(line -> !line.contains("icegreen.greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
        phi.forEach(value -> assertThat(platformLines).doesNotContainIgnoringCase(value));
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
