package com.therapyplatform.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads whole topics from the beginning to their end as an outside {@code read_committed} client. */
final class TopicReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record; {@code value} is null when it is not JSON (a poison record, a token hash). */
    record Rec(String topic, int partition, long offset, long timestamp, String key, byte[] raw, JsonNode value) {

        String eventId() {
            return text("eventId");
        }

        String eventType() {
            return text("eventType");
        }

        String intakeId() {
            return text("intakeId");
        }

        String causationId() {
            return text("causationId");
        }

        String correlationId() {
            return text("correlationId");
        }

        String occurredAt() {
            return text("occurredAt");
        }

        String submittedAt() {
            return text("submittedAt");
        }

        JsonNode payload() {
            return value == null ? null : value.path("payload");
        }

        private String text(String field) {
            return value == null || !value.path(field).isString() ? null : value.path(field).asString();
        }
    }

    static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-reader-" + UUID.randomUUID()); // never committed
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static Rec toRec(ConsumerRecord<byte[], byte[]> r) {
        JsonNode value = null;
        if (r.value() != null) {
            try {
                JsonNode tree = JSON.readTree(r.value());
                value = tree != null && tree.isObject() ? tree : null;
            } catch (RuntimeException e) {
                value = null;
            }
        }
        return new Rec(r.topic(), r.partition(), r.offset(), r.timestamp(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), value);
    }

    /** Every committed record of {@code topics} (missing topics are skipped), topic by topic in offset order. */
    static Map<String, List<Rec>> readAll(String bootstrap, Collection<String> topics, Duration timeout) {
        Map<String, List<Rec>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                out.put(topic, new ArrayList<>());
                List<PartitionInfo> infos = existing.get(topic);
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // under read_committed, the end offsets are the last stable offsets
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                boolean done = true;
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp)) {
                        done = false;
                        break;
                    }
                }
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to their end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.get(r.topic()).add(toRec(r));
                }
            }
        }
        for (List<Rec> recs : out.values()) {
            recs.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
        }
        return out;
    }
}
