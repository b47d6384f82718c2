package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * The outside observer: a read_committed consumer (no group: it assigns every partition and starts at
 * the end) of the topics that mark each stage of an intake, keyed by intake id. It sees what a
 * downstream consumer would see, when it would see it.
 */
final class Recorder implements AutoCloseable {

    /** What happened to one intake, in {@link Clock} nanoseconds (0 = not yet). */
    static final class Trace {
        volatile long submittedAt;
        volatile long triagedAt;
        volatile long outcomeAt;
        volatile String outcome;
        volatile long notifiedAt;
        volatile long notifiedSeen;
        volatile long crisisAt;
        volatile long crisisSeen;
    }

    static final List<String> TOPICS = List.of(Topics.INTAKE_TRIAGED, Topics.INTAKE_MATCHED,
            Topics.INTAKE_WAITLISTED, Topics.NOTIFICATION_SENT);

    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final AtomicLong outcomesSeen = new AtomicLong();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    Recorder(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now: only records from here on count
        thread = new Thread(this::loop, "bench-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    Trace trace(String intakeId) {
        return traces.computeIfAbsent(intakeId, id -> new Trace());
    }

    long outcomesSeen() {
        return outcomesSeen.get();
    }

    private void loop() {
        while (running) {
            var records = consumer.poll(Duration.ofMillis(50));
            long seen = Clock.nanos();
            for (ConsumerRecord<String, byte[]> r : records) {
                try {
                    record(r.topic(), r.key(), r.value(), seen);
                } catch (RuntimeException e) {
                    // not an event this benchmark understands: ignore it
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void record(String topic, String key, byte[] value, long seen) {
        if (key == null) {
            return;
        }
        JsonNode event = EventJson.mapper().readTree(value);
        Trace t = trace(key);
        long occurred = Clock.epochNanos(Instant.parse(event.path("occurredAt").asString()));
        if (t.submittedAt == 0) {
            t.submittedAt = Clock.epochNanos(Instant.parse(event.path("submittedAt").asString()));
        }
        switch (topic) {
            case Topics.INTAKE_TRIAGED -> t.triagedAt = occurred;
            case Topics.INTAKE_MATCHED, Topics.INTAKE_WAITLISTED -> {
                if (t.outcomeAt == 0) {
                    t.outcomeAt = occurred;
                    t.outcome = Topics.INTAKE_MATCHED.equals(topic) ? "matched" : "waitlisted";
                }
            }
            case Topics.NOTIFICATION_SENT -> {
                String reason = event.path("payload").path("reason").asString("");
                if (("MATCH_CONFIRMATION".equals(reason) || "WAITLIST_NOTICE".equals(reason)) && t.notifiedSeen == 0) {
                    t.notifiedAt = occurred;
                    t.notifiedSeen = seen;
                    outcomesSeen.incrementAndGet();
                } else if ("CRISIS_RESOURCES".equals(reason) && t.crisisSeen == 0) {
                    t.crisisAt = occurred;
                    t.crisisSeen = seen;
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
