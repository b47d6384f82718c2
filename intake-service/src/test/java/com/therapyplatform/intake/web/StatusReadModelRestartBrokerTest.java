package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.intake.IntakeServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
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
        // Streams members do not leave their group on close: the new instance gets the partitions once the
        // old member's session has expired (the broker's minimum, instead of the default 45 s)
        properties.put("spring.kafka.streams.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.streams.properties.heartbeat.interval.ms", "1500");
        properties.put("spring.kafka.streams.state-dir", Files.createTempDirectory("intake-status-").toString());
        ConfigurableApplicationContext context = IntakeServiceApplication.builder().run(properties.entrySet()
                .stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return context;
    }

    @Test
    void statusAndTokenSurviveARestartOnAnEmptyStateDirectory() throws Exception {
        Submitted intake;
        try (ConfigurableApplicationContext first = start()) {
            intake = submit("intake-routine.json");
            awaitStatus(intake, "RECEIVED");
            publishMatched(intake.intakeId(), "Dr. Restart Example", "LCSW");
            awaitStatus(intake, "MATCHED");
        }

        try (ConfigurableApplicationContext second = start()) {
            assertThat(awaitStatus(intake, "MATCHED").get("clinician").get("displayName").asString())
                    .isEqualTo("Dr. Restart Example");
            assertThat(status(intake.intakeId(), "not-the-token", 0).statusCode()).isEqualTo(404);
        }
    }
}
