package com.therapyplatform.benchmarks.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The limit of the topology: the same payload through four consume-produce hops of plain Kafka clients
 * on the same broker, with the services' delivery settings: an idempotent acks=all source (the HTTP
 * edge), three transactional hops (consume, produce and commit the offsets in one transaction per
 * polled batch, read_committed: triage and matching's stages), one at-least-once hop (notification: a
 * sync send per batch, then the offsets), and a read_committed reader at the end. Topics have the
 * services' partition count and are deleted afterwards.
 */
final class Baseline implements AutoCloseable {

    static final int HOPS = 4;
    private static final String DUE = "bench-due";

    private final String bootstrap;
    private final String prefix = "bench.baseline." + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final List<Thread> threads = new ArrayList<>();
    private final KafkaProducer<String, byte[]> source;
    private final KafkaConsumer<String, byte[]> sink;
    private volatile boolean running = true;

    Baseline(String bootstrap, int partitions) throws ExecutionException, InterruptedException {
        this.bootstrap = bootstrap;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (int i = 0; i <= HOPS; i++) {
                topics.add(new NewTopic(topic(i), partitions, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
        for (int hop = 1; hop <= HOPS; hop++) {
            int h = hop;
            boolean transactional = hop < HOPS;
            Thread t = new Thread(() -> hop(topic(h - 1), topic(h), transactional), "bench-baseline-hop-" + hop);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        source = new KafkaProducer<>(p);
        sink = consumer("bench-baseline-sink-" + UUID.randomUUID());
        sink.subscribe(List.of(topic(HOPS)));
        // wait until every hop and the sink own their partitions: a probe goes all the way through
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            send(new byte[] {1}, Clock.nanos());
            if (!sink.poll(Duration.ofMillis(500)).isEmpty()) {
                drain(2000);
                return;
            }
        }
        throw new IllegalStateException("the baseline pipeline did not pass a record through within 60 s");
    }

    private String topic(int i) {
        return prefix + i;
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    private void hop(String from, String to, boolean transactional) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        }
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
                KafkaConsumer<String, byte[]> consumer = consumer("bench-baseline-" + from)) {
            if (transactional) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(from));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> part = records.records(tp);
                    offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
                }
                if (transactional) {
                    producer.beginTransaction();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    producer.send(new ProducerRecord<>(to, null, r.key(), r.value(), r.headers()));
                }
                if (transactional) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                } else {
                    producer.flush();
                    consumer.commitAsync(offsets, null);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // closing
        }
    }

    private void send(byte[] payload, long due) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic(0), UUID.randomUUID().toString(), payload);
        record.headers().add(DUE, ByteBuffer.allocate(8).putLong(due).array());
        source.send(record);
    }

    private void drain(long quietMillis) {
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
            if (!sink.poll(Duration.ofMillis(100)).isEmpty()) {
                quietSince = System.nanoTime();
            }
        }
    }

    /** Open-loop at {@code rate}: latency from each record's due time to the sink's poll. */
    long[] atRate(byte[] payload, double rate, double warmup, double seconds) throws InterruptedException {
        long start = Clock.nanos() + 20_000_000;
        OpenLoop schedule = new OpenLoop(start, rate, warmup + seconds);
        long measuredFrom = start + (long) (warmup * 1e9);
        List<Long> latencies = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        Thread sender = new Thread(() -> {
            try {
                schedule.run((i, due) -> send(payload, due));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-baseline-source");
        sender.start();
        long deadline = schedule.dueNanos(schedule.count()) + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < schedule.count() && Clock.nanos() < deadline) {
            ConsumerRecords<String, byte[]> records = sink.poll(Duration.ofMillis(50));
            long now = Clock.nanos();
            for (ConsumerRecord<String, byte[]> r : records) {
                Header h = r.headers().lastHeader(DUE);
                if (h == null) {
                    continue;
                }
                received.incrementAndGet();
                long due = ByteBuffer.wrap(h.value()).getLong();
                if (due >= measuredFrom) {
                    latencies.add(now - due);
                }
            }
        }
        sender.join();
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Flooded: {@code count} records sent as fast as the source can; records per second end to end. */
    double flood(byte[] payload, int count) {
        long start = Clock.nanos();
        for (int i = 0; i < count; i++) {
            send(payload, start);
        }
        long received = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        long last = start;
        while (received < count && Clock.nanos() < deadline) {
            int n = sink.poll(Duration.ofMillis(100)).count();
            if (n > 0) {
                received += n;
                last = Clock.nanos();
            }
        }
        return received / ((last - start) / 1e9);
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        source.close(Duration.ofSeconds(5));
        sink.close(Duration.ofSeconds(5));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = new ArrayList<>();
            for (int i = 0; i <= HOPS; i++) {
                topics.add(topic(i));
            }
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }
}
