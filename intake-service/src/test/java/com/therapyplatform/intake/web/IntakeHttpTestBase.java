package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.testsupport.KafkaTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** HTTP and Kafka clients for tests of the running service ({@link IntakeServiceTest}). */
abstract class IntakeHttpTestBase {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final HttpClient http = HttpClient.newHttpClient();
    static KafkaTestClient kafka;

    @LocalServerPort
    int port;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String example(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", "examples", name));
    }

    HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return http.send(submission().header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A submission from a client of its own: through 127.0.0.1 (a trusted proxy in {@link IntakeServiceTest}) with
     * a random documentation-range address in X-Forwarded-For, so that no test uses up another's rate limit.
     */
    HttpRequest.Builder submission() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intakes"))
                .header("X-Forwarded-For", randomClient());
    }

    static String randomClient() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    record Submitted(String intakeId, String token) {
    }

    Submitted submit(String example) throws Exception {
        HttpResponse<String> response = post(example(example), "application/json");
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response.body());
        return new Submitted(body.get("intakeId").asString(), body.get("statusToken").asString());
    }

    HttpRequest statusRequest(String intakeId, String token, int waitSeconds) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/intakes/" + intakeId + "?waitSeconds=" + waitSeconds)).GET();
        if (token != null) {
            request.header("X-Status-Token", token);
        }
        return request.build();
    }

    HttpResponse<String> status(String intakeId, String token, int waitSeconds) throws Exception {
        return http.send(statusRequest(intakeId, token, waitSeconds), HttpResponse.BodyHandlers.ofString());
    }

    /** Long-polls until the status is {@code expected}; each poll returns at the next change. */
    JsonNode awaitStatus(Submitted intake, String expected) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        // each poll long-polls, so it returns at the next change; a 503 (store restoring) is polled again
        Awaitility.await("status " + expected).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = status(intake.intakeId(), intake.token(), 5);
            if (response.statusCode() == 200) {
                last.set(json(response.body()));
            }
            return last.get() != null && expected.equals(last.get().get("status").asString());
        });
        return last.get();
    }

    static void publishMatched(String intakeId, String displayName, String credentials) {
        kafka.send(Topics.INTAKE_MATCHED, intakeId, EventJson.write(EventEnvelope.first(Events.CLINICIAN_ASSIGNED,
                intakeId, Instant.now(), new ClinicianAssigned("c-1", displayName, credentials, false, List.of()))));
    }

    static JsonNode json(String body) {
        return EventJson.mapper().readTree(body);
    }
}
