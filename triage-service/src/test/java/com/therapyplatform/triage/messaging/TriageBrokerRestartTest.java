package com.therapyplatform.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.triage.TriageServiceApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Exactly once across a broker restart. Runs on a broker of its own, in a JVM of its own (the
 * {@code broker-restart} Surefire execution): the shared per-JVM test broker must not go away under
 * other tests, and the embedded broker's JVM-wide system properties must not mix with it.
 */
class TriageBrokerRestartTest {

    private static final int INTAKES = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final List<String> OUTPUTS = List.of(Topics.INTAKE_TRIAGED, Topics.TRIAGE_ASSESSMENTS,
            Topics.INTAKE_URGENT);

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext triage;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.startEmbedded();
        String servers = broker.getBrokersAsString();
        Map<String, Object> properties = new HashMap<>(KafkaBrokerContextCustomizerFactory.brokerProperties(servers));
        properties.put("spring.main.web-application-type", "none");
        properties.put("INSTANCE_ID", "restart-" + UUID.randomUUID());
        triage = TriageServiceApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        kafka = KafkaTestClient.connect(servers);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (triage != null) {
            triage.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aBrokerRestartInTheMiddleOf1000IntakesLosesNothingAndDuplicatesNothingForReadCommittedConsumers()
            throws Exception {
        List<String> ids = new ArrayList<>();
        Set<String> urgentIds = new HashSet<>();
        for (int i = 0; i < INTAKES; i++) {
            String id = SampleEvents.newIntakeId();
            ids.add(id);
            if (i % 10 == 0) {
                urgentIds.add(id);
            }
        }
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readCommitted(seen, reading), "read-committed-outputs");
        reader.start();
        try {
            send(ids.subList(0, INTAKES / 2), urgentIds);
            // restart while triage is part-way through the first half (transactions in flight)
            await().atMost(WAIT).until(() -> seen.getOrDefault(Topics.INTAKE_TRIAGED, Set.of()).size() >= 50);
            var server = broker.getCluster().brokers().values().iterator().next();
            server.shutdown();
            server.awaitShutdown();
            server.startup();
            broker.getCluster().waitForReadyBrokers();
            send(ids.subList(INTAKES / 2, INTAKES), urgentIds);

            await().atMost(WAIT).until(() -> seen.getOrDefault(Topics.INTAKE_TRIAGED, Set.of()).size() >= INTAKES
                    && seen.getOrDefault(Topics.TRIAGE_ASSESSMENTS, Set.of()).size() >= INTAKES
                    && seen.getOrDefault(Topics.INTAKE_URGENT, Set.of()).size() >= urgentIds.size());
            await().atMost(WAIT).until(TriageBrokerRestartTest::inputFullyCommitted);
        } finally {
            reading.set(false);
            reader.join();
        }

        // everything is consumed and committed: no later output can appear; read each topic once more
        for (String topic : OUTPUTS) {
            List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, r -> true, WAIT);
            Set<String> expected = topic.equals(Topics.INTAKE_URGENT) ? urgentIds : new HashSet<>(ids);
            assertThat(records).as("records on %s", topic).hasSize(expected.size());
            assertThat(records.stream().map(ConsumerRecord::key).toList()).as("keys on %s", topic)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(kafka.readAll(Topics.deadLetter(Topics.INTAKE_SUBMITTED), r -> true, WAIT))
                .as("nothing was dead-lettered").isEmpty();
    }

    private static void send(List<String> ids, Set<String> urgentIds) {
        for (String id : ids) {
            var event = urgentIds.contains(id) ? SampleEvents.urgentSubmitted(id) : SampleEvents.routineSubmitted(id);
            kafka.send(Topics.INTAKE_SUBMITTED, id, EventJson.write(event));
        }
    }

    /** A downstream read-committed consumer, running across the restart. */
    private static void readCommitted(Map<String, Set<String>> seen, AtomicBoolean reading) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(OUTPUTS);
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.computeIfAbsent(record.topic(), t -> ConcurrentHashMap.newKeySet()).add(record.key());
                }
            }
        }
    }

    /** True when triage's consumer group has committed every record of the input topic. */
    private static boolean inputFullyCommitted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("triage-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.INTAKE_SUBMITTED)).allTopicNames().get()
                    .get(Topics.INTAKE_SUBMITTED).partitions()
                    .forEach(p -> latest.put(new TopicPartition(Topics.INTAKE_SUBMITTED, p.partition()),
                            OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return latest.keySet().stream().allMatch(tp -> committed.containsKey(tp)
                    && committed.get(tp).offset() >= ends.get(tp).offset());
        }
    }
}
