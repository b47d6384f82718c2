package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.WithKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * The dead-letter endpoint over HTTP against the real test broker, with the platform's own dead-letter
 * handling in front of it: one binder consumer that refuses records until "fixed".
 */
@SpringBootTest(classes = DeadLetterEndpointTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.application.name=dlt-test",
                "spring.cloud.function.definition=fragile",
                "spring.cloud.stream.bindings.fragile-in-0.destination=" + Topics.INTAKE_TRIAGED,
                "spring.cloud.stream.bindings.fragile-in-0.group=dlt-test",
                "platform.kafka.topics.provision=" + Topics.INTAKE_TRIAGED + "," + Topics.INTAKE_TRIAGED + ".dlt",
                "management.tracing.enabled=false"})
@WithKafkaBroker
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DLT = Topics.deadLetter(Topics.INTAKE_TRIAGED);
    private static final String PHI = "Jane Q. Person, jane@example.org, feels hopeless";
    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Fragile fragile;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPoisonRecordIsListedAndInspectedWithoutItsPayloadAndReplayedOnceWhenAskedTwice(CapturedOutput log)
            throws Exception {
        String intakeId = SampleEvents.newIntakeId();
        RecordMetadata sent = kafka.send(Topics.INTAKE_TRIAGED, intakeId, poison());
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(DLT, r -> intakeId.equals(r.key()), 1, WAIT).get(0);

        JsonNode overview = get("/actuator/deadletters");
        assertThat(overview.get(DLT).get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get(DLT).get("newest").asString()).isNotBlank();

        String listing = getText("/actuator/deadletters/" + DLT);
        JsonNode letter = find(EventJson.mapper().readTree(listing), intakeId);
        assertThat(letter.get("partition").asInt()).isEqualTo(dead.partition());
        assertThat(letter.get("offset").asLong()).isEqualTo(dead.offset());
        assertThat(letter.get("errorClass").asString()).isEqualTo("PoisonRecordException");
        assertThat(letter.get("reason").asString()).isEqualTo("TEST_POISON");
        assertThat(letter.get("originalTopic").asString()).isEqualTo(Topics.INTAKE_TRIAGED);
        assertThat(letter.get("originalPartition").asInt()).isEqualTo(sent.partition());
        assertThat(letter.get("originalOffset").asLong()).isEqualTo(sent.offset());
        assertThat(letter.get("consumerGroup").asString()).isEqualTo("dlt-test");
        assertThat(letter.get("replayed").asBoolean()).isFalse();
        assertThat(listing).doesNotContain("hopeless", "jane", "payload", "value");

        fragile.fix();
        String position = "{\"partition\":" + dead.partition() + ",\"offset\":" + dead.offset() + "}";
        JsonNode first = post("/actuator/deadletters/" + DLT + "/replay", position);
        JsonNode second = post("/actuator/deadletters/" + DLT + "/replay", position);

        assertThat(first.get("replayed")).hasSize(1);
        assertThat(first.get("replayed").get(0).get("topic").asString()).isEqualTo(Topics.INTAKE_TRIAGED);
        assertThat(first.get("replayedBy").asString()).isEqualTo("anonymous");
        assertThat(second.get("replayed")).isEmpty();
        assertThat(second.get("alreadyReplayed")).hasSize(1);
        String from = DLT + "/" + dead.partition() + "/" + dead.offset();
        await().atMost(WAIT).until(() -> fragile.handled.contains(intakeId));
        assertThat(kafka.readAll(Topics.INTAKE_TRIAGED, r -> from.equals(KafkaTestClient.header(r, "x-replayed-from")),
                WAIT)).hasSize(1);
        assertThat(kafka.readAll(Topics.OPS_DLT_REPLAYS, r -> from.equals(r.key()), WAIT)).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .contains("\"replayedBy\":\"anonymous\"").doesNotContain("hopeless"));
        assertThat(find(get("/actuator/deadletters/" + DLT), intakeId).get("replayed").asBoolean()).isTrue();
        assertThat(log.getOut()).contains("dead-letter replay by=anonymous dlt=" + DLT + " replayed=["
                + dead.partition() + "/" + dead.offset() + "]").doesNotContain("hopeless");
        assertThat(fragile.handled.stream().filter(intakeId::equals)).hasSize(1);
    }

    @Test
    void twoReplaysOfTheSameDeadLetterAtOnceRepublishItOnce() throws Exception {
        String intakeId = SampleEvents.newIntakeId();
        fragile.breakAgain();
        kafka.send(Topics.INTAKE_TRIAGED, intakeId, poison());
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(DLT, r -> intakeId.equals(r.key()), 1, WAIT).get(0);
        String body = "{\"partition\":" + dead.partition() + ",\"offset\":" + dead.offset() + "}";

        List<CompletableFuture<HttpResponse<String>>> replays = List.of(
                postAsync("/actuator/deadletters/" + DLT + "/replay", body),
                postAsync("/actuator/deadletters/" + DLT + "/replay", body));

        // each one replays it, finds it replayed, or is fenced by the other (409): never two copies
        for (var replay : replays) {
            assertThat(replay.get().statusCode()).isIn(200, 409);
        }
        String from = DLT + "/" + dead.partition() + "/" + dead.offset();
        assertThat(kafka.readAll(Topics.INTAKE_TRIAGED, r -> from.equals(KafkaTestClient.header(r, "x-replayed-from")),
                WAIT)).hasSize(1);
    }

    @Test
    void unknownTopicsAndPositionsAreNotFound() throws Exception {
        assertThat(status("GET", "/actuator/deadletters/intake.contact.v1.dlt", null)).isEqualTo(404);
        assertThat(status("POST", "/actuator/deadletters/" + DLT + "/replay", "{\"partition\":0,\"offset\":999999}"))
                .isEqualTo(404);
        assertThat(status("POST", "/actuator/deadletters/" + DLT + "/replay", "{\"offset\":1}")).isEqualTo(400);
    }

    private static byte[] poison() {
        return ("{\"poison\":true,\"note\":\"" + PHI + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode find(JsonNode listing, String intakeId) {
        for (JsonNode letter : listing.get("deadLetters")) {
            if (intakeId.equals(letter.get("key").asString())) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter for " + intakeId + " in " + listing);
    }

    private JsonNode get(String path) throws Exception {
        return EventJson.mapper().readTree(getText(path));
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = postAsync(path, body).get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Refuses every record marked poison until fixed: the bug, then its fix. */
    static class Fragile implements Consumer<Message<byte[]>> {

        final ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean fixed = new AtomicBoolean();

        void fix() {
            fixed.set(true);
        }

        void breakAgain() {
            fixed.set(false);
        }

        @Override
        public void accept(Message<byte[]> message) {
            String value = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (value.contains("\"poison\":true") && !fixed.get()) {
                throw new PoisonRecordException("TEST_POISON");
            }
            Object key = message.getHeaders().get("kafka_receivedMessageKey");
            handled.add(key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Fragile fragile() {
            return new Fragile();
        }
    }
}
