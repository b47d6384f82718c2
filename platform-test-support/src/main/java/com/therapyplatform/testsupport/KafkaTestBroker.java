package com.therapyplatform.testsupport;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits: a
 * Testcontainers {@code apache/kafka-native} container where a Docker engine answers, otherwise an
 * embedded KRaft broker. Both are real brokers, so every test runs the same on either.
 *
 * <p>Shared rather than per test class because the embedded broker writes JVM-wide system
 * properties it never clears; one broker per JVM keeps those true.
 */
public final class KafkaTestBroker {

    /** Same Kafka line as the kafka-clients Boot manages. */
    static final String IMAGE = "apache/kafka-native:4.1.2";

    private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static volatile String bootstrapServers;

    private KafkaTestBroker() {
    }

    /** The broker's bootstrap servers, starting it on first call. */
    public static String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            synchronized (KafkaTestBroker.class) {
                servers = bootstrapServers;
                if (servers == null) {
                    servers = start();
                    bootstrapServers = servers;
                }
            }
        }
        return servers;
    }

    private static String start() {
        long started = System.nanoTime();
        String servers;
        String kind;
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            servers = container.getBootstrapServers();
            kind = "Testcontainers " + IMAGE;
        } else {
            EmbeddedKafkaBroker broker = startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
            servers = broker.getBrokersAsString();
            kind = "embedded KRaft broker (no Docker engine reachable)";
        }
        log.info("Kafka for tests: {} at {}, up in {} ms", kind, servers, (System.nanoTime() - started) / 1_000_000);
        return servers;
    }

    /**
     * A started embedded KRaft broker of the caller's own, for a test that stops and restarts it (through
     * {@link EmbeddedKafkaKraftBroker#getCluster()}); run such a test in a JVM of its own. The caller destroys it.
     */
    public static EmbeddedKafkaKraftBroker startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                // one broker: internal topics cannot be replicated more than once
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("tests.kafka.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
