package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.intake.IntakeServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.contracts.Topics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The status read model lives in Kafka: an instance started on an empty state directory restores it
 * from the changelog. Runs its own Streams application id, so the shared test context does not join
 * its consumer group.
 */
class StatusReadModelRestartBrokerTest extends IntakeHttpTestBase {

    private final String applicationId = "intake-status-restart-" + UUID.randomUUID();

    private ConfigurableApplicationContext start() throws Exception {
        Map<String, Object> properties = new HashMap<>(
                KafkaBrokerContextCustomizerFactory.brokerProperties(KafkaTestBroker.bootstrapServers()));
        properties.put("server.port", "0");
        properties.put("INSTANCE_ID", "restart-" + UUID.randomUUID());
        properties.put("spring.kafka.streams.application-id", applicationId);
        properties.put("spring.kafka.streams.state-dir", Files.createTempDirectory("intake-status-").toString());
        ConfigurableApplicationContext context = IntakeServiceApplication.builder().run(properties.entrySet()
                .stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return context;
    }

    HttpResponse<String> postWithKey(String body, String key) throws Exception {
        return http.send(submission().header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusTokenAndIdempotencyKeysSurviveARestartOnAnEmptyStateDirectory() throws Exception {
        Submitted intake;
        String key = UUID.randomUUID().toString();
        String body = example("intake-routine.json").replace("I would like help rebuilding trust",
                "I would like help rebuilding trust " + key);
        HttpResponse<String> keyed;
        try (ConfigurableApplicationContext first = start()) {
            intake = submit("intake-routine.json");
            awaitStatus(intake, "RECEIVED");
            publishMatched(intake.intakeId(), "Dr. Restart Example", "LCSW");
            awaitStatus(intake, "MATCHED");
            keyed = postWithKey(body, key);
            assertThat(keyed.statusCode()).isEqualTo(202);
        }

        try (ConfigurableApplicationContext second = start()) {
            assertThat(awaitStatus(intake, "MATCHED").get("clinician").get("displayName").asString())
                    .isEqualTo("Dr. Restart Example");
            assertThat(status(intake.intakeId(), "not-the-token", 0).statusCode()).isEqualTo(404);
            // the retry reaches a new instance: answered from the restored global table, token included
            HttpResponse<String> retry = postWithKey(body, key);
            assertThat(retry.statusCode()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(json(retry.body())).isEqualTo(json(keyed.body()));
            assertThat(kafka.readAll(Topics.INTAKE_SUBMITTED, r -> new String(r.value()).contains(key), WAIT))
                    .hasSize(1);
        }
    }
}
