package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.intake.IntakeServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.KafkaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * 503 while the broker is down, recovery once it is back, and nothing half-published. Runs on a broker
 * of its own, in a JVM of its own (the {@code broker-restart} Surefire execution): the shared per-JVM
 * test broker must not go away under other tests.
 */
class IntakeBrokerRestartTest {

    /** What intake-service.yml gives the producer (max.block.ms, delivery.timeout.ms) before answering 503. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** Slack for a loaded machine: the answer must still come long before a client or proxy gives up. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(180);

    private static final HttpClient http = HttpClient.newHttpClient();
    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext intake;
    private static KafkaTestClient kafka;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaTestBroker.startEmbedded();
        String servers = broker.getBrokersAsString();
        Map<String, Object> properties = new HashMap<>(KafkaBrokerContextCustomizerFactory.brokerProperties(servers));
        properties.put("server.port", "0");
        properties.put("INSTANCE_ID", "restart-" + UUID.randomUUID());
        properties.put("spring.kafka.streams.state-dir", Files.createTempDirectory("intake-restart-").toString());
        // the retries below would use up a client's bucket
        properties.put("intake.api.rate-limit.enabled", "false");
        intake = IntakeServiceApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        port = Integer.parseInt(intake.getEnvironment().getProperty("local.server.port"));
        kafka = KafkaTestClient.connect(servers);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (intake != null) {
            intake.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    static String intake(String marker) throws Exception {
        return Files.readString(Path.of("..", "docs", "examples", "intake-routine.json"))
                .replace("I would like help rebuilding trust", "I would like help rebuilding trust " + marker);
    }

    static HttpResponse<String> submit(String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intakes"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long committedWith(String marker) {
        return kafka.readAll(Topics.INTAKE_SUBMITTED, r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains(marker), WAIT).size();
    }

    static Set<String> committedIntakeIds(String topic) {
        return kafka.readAll(topic, r -> true, WAIT).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    @Test
    void whileTheBrokerIsDownSubmissionsGet503InBoundedTimeAndNothingOfThemIsPublished() throws Exception {
        // ready (Kafka Streams running) and the transactional producer initialised: on a loaded machine the
        // first transaction can take longer than the bound; retrying under the same key is safe
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        String firstKey = UUID.randomUUID().toString();
        String first = intake("before-" + UUID.randomUUID());
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> submit(first, firstKey).statusCode() == 202);
        var server = broker.getCluster().brokers().values().iterator().next();
        server.shutdown();
        server.awaitShutdown();

        String failedMarker = "failed-" + UUID.randomUUID();
        String failedKey = UUID.randomUUID().toString();
        long started = System.nanoTime();
        HttpResponse<String> unavailable = submit(intake(failedMarker), failedKey);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(took).isLessThan(BOUND.plus(SLACK));

        server.startup();
        broker.getCluster().waitForReadyBrokers();

        // the next submission is accepted once the producer has reconnected (503 until then)
        String recoveredMarker = "recovered-" + UUID.randomUUID();
        String recoveredKey = UUID.randomUUID().toString();
        AtomicReference<HttpResponse<String>> recovered = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            recovered.set(submit(intake(recoveredMarker), recoveredKey));
            return recovered.get().statusCode() == 202;
        });

        assertThat(committedWith(recoveredMarker)).isEqualTo(1);
        assertThat(committedWith(failedMarker)).as("the failed attempt, for a read_committed consumer").isZero();
        // no half-published intake: every intake is on all three topics of its transaction
        Set<String> submitted = committedIntakeIds(Topics.INTAKE_SUBMITTED);
        assertThat(committedIntakeIds(Topics.INTAKE_CONTACT)).isEqualTo(submitted);
        assertThat(committedIntakeIds(Topics.INTAKE_STATUS_TOKENS)).isEqualTo(submitted);
        // the failed attempt's key was not recorded without its intake: retrying it submits it now, once
        HttpResponse<String> retried = submit(intake(failedMarker), failedKey);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(committedWith(failedMarker)).isEqualTo(1);
        assertThat(submit(intake(failedMarker), failedKey).headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
        assertThat(committedIntakeIds(Topics.INTAKE_SUBMITTED)).hasSize(submitted.size() + 1);
        System.out.printf("503 answered in %d ms with the broker down%n", took.toMillis());
    }
}
