package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Lists, inspects and replays the dead letters of the topics a service consumes. Only metadata ever
 * leaves it (positions, key = intake id, timestamps, error class, reason code, origin): never a value,
 * and never a header the platform does not know to be free of PHI.
 *
 * <p>A replay republishes the dead letter's key, value and original headers to its source topic and
 * records the replay on {@link Topics#OPS_DLT_REPLAYS} (key {@code <dlt>/<partition>/<offset>}) in the
 * same Kafka transaction; a dead letter with a replay record is never republished again. All replays of
 * one dead-letter topic share a transactional id, so two replays running at once (two instances, two
 * operators) fence each other instead of both reading "not replayed yet" and both republishing.
 */
public class DeadLetterDesk {

    /** Marks a republished record with the dead letter it came from: {@code <dlt>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM_HEADER = "x-replayed-from";
    /** The audit trail of replays (who, what, when); the same facts are on {@link Topics#OPS_DLT_REPLAYS}. */
    public static final String AUDIT_LOGGER = "com.therapyplatform.audit.deadletters";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final String DLT_SUFFIX = ".dlt";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Set<String> deadLetterTopics;
    private final Map<String, Object> consumerSettings;
    private final Map<String, Object> producerSettings;
    private final Clock clock;

    /**
     * @param deadLetterTopics the {@code .dlt} topics this service may be asked about (what it provisions)
     * @param consumerSettings the service's consumer settings (connection, security), for reading
     * @param producerSettings the service's producer settings (connection, security), for replaying
     */
    public DeadLetterDesk(Iterable<String> deadLetterTopics, Map<String, Object> consumerSettings,
            Map<String, Object> producerSettings, Clock clock) {
        Set<String> topics = new TreeSet<>();
        deadLetterTopics.forEach(t -> {
            if (t.endsWith(DLT_SUFFIX)) {
                topics.add(t);
            }
        });
        this.deadLetterTopics = Set.copyOf(topics);
        this.consumerSettings = Map.copyOf(consumerSettings);
        this.producerSettings = Map.copyOf(producerSettings);
        this.clock = clock;
    }

    public boolean knows(String dltTopic) {
        return deadLetterTopics.contains(dltTopic);
    }

    /** Count, oldest and newest dead letter of every dead-letter topic this service consumes for. */
    public Map<String, Summary> overview() {
        Set<String> replayed = replayedPositions();
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (String topic : deadLetterTopics.stream().sorted().toList()) {
            long[] counts = new long[2];
            Instant[] range = new Instant[2];
            readAll(topic, record -> {
                counts[0]++;
                if (replayed.contains(position(record))) {
                    counts[1]++;
                }
                Instant at = Instant.ofEpochMilli(record.timestamp());
                range[0] = range[0] == null || at.isBefore(range[0]) ? at : range[0];
                range[1] = range[1] == null || at.isAfter(range[1]) ? at : range[1];
            });
            summaries.put(topic, new Summary(counts[0], counts[1], range[0], range[1]));
        }
        return summaries;
    }

    /** The dead letters on {@code dltTopic}, oldest position first, at most {@code limit} of them. */
    public Listing inspect(String dltTopic, int limit) {
        requireKnown(dltTopic);
        Set<String> replayed = replayedPositions();
        List<DeadLetter> all = new ArrayList<>();
        readAll(dltTopic, record -> all.add(describe(record, replayed.contains(position(record)))));
        all.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
        return new Listing(dltTopic, all.size(), all.stream().limit(Math.max(0, limit)).toList());
    }

    /**
     * Republishes the dead letters of {@code dltTopic} (all, those of one partition, or the one at
     * {@code partition}/{@code offset}) that were not replayed before, to their source topics.
     *
     * @throws UnknownDeadLetterException when a given position holds no dead letter
     * @throws ConcurrentReplayException when another replay of the same topic fenced this one
     */
    public ReplayResult replay(String dltTopic, Integer partition, Long offset, String who) {
        requireKnown(dltTopic);
        if (offset != null && partition == null) {
            throw new IllegalArgumentException("an offset needs its partition");
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(dltTopic),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // fences any replay of this topic still in flight, and waits for its commit or abort
            producer.initTransactions();
            Set<String> replayedBefore = replayedPositions();
            List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
            readAll(dltTopic, record -> {
                if ((partition == null || record.partition() == partition)
                        && (offset == null || record.offset() == offset)) {
                    selected.add(record);
                }
            });
            if (offset != null && selected.isEmpty()) {
                throw new UnknownDeadLetterException(dltTopic + "/" + partition + "/" + offset);
            }
            selected.sort(Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            List<Replayed> replayed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            Instant at = clock.instant();
            producer.beginTransaction();
            for (ConsumerRecord<byte[], byte[]> record : selected) {
                String position = position(record);
                if (replayedBefore.contains(position)) {
                    skipped.add(position);
                    continue;
                }
                String target = sourceTopic(record);
                producer.send(new ProducerRecord<>(target, null, record.key(), record.value(),
                        republishedHeaders(record.headers(), position)));
                ReplayRecord replayRecord = new ReplayRecord(record.topic(), record.partition(), record.offset(),
                        target, key(record), who, at);
                producer.send(new ProducerRecord<>(Topics.OPS_DLT_REPLAYS, position.getBytes(StandardCharsets.UTF_8),
                        EventJson.mapper().writeValueAsBytes(replayRecord)));
                replayed.add(new Replayed(record.partition(), record.offset(), key(record), target));
            }
            producer.commitTransaction();
            ReplayResult result = new ReplayResult(dltTopic, who, at, replayed, skipped);
            audit.info("dead-letter replay by={} dlt={} replayed={} alreadyReplayed={} to={} at={}", who, dltTopic,
                    replayed.stream().map(r -> r.partition() + "/" + r.offset()).toList(), skipped,
                    replayed.stream().map(Replayed::topic).distinct().sorted().toList(), at);
            return result;
        } catch (KafkaException e) {
            // a newer replay of the same topic took the transactional id: ours was aborted, nothing went out
            if (fenced(e) || fenced(e.getCause())) {
                throw new ConcurrentReplayException(dltTopic);
            }
            throw e;
        }
    }

    private static boolean fenced(Throwable failure) {
        return failure instanceof ProducerFencedException || failure instanceof InvalidProducerEpochException;
    }

    private void requireKnown(String dltTopic) {
        if (!knows(dltTopic)) {
            throw new UnknownDeadLetterException(dltTopic);
        }
    }

    private static DeadLetter describe(ConsumerRecord<byte[], byte[]> record, boolean replayed) {
        Headers h = record.headers();
        return new DeadLetter(record.partition(), record.offset(), key(record), Instant.ofEpochMilli(record.timestamp()),
                text(h, DeadLetters.ERROR_CLASS_HEADER), text(h, DeadLetters.REASON_HEADER),
                sourceTopic(record), integer(h, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longValue(h, KafkaHeaders.DLT_ORIGINAL_OFFSET), text(h, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(h, EventPublisher.EVENT_TYPE_HEADER), text(h, REPLAYED_FROM_HEADER), replayed);
    }

    /** The original headers (trace context, event type), without what the dead-lettering added. */
    static Headers republishedHeaders(Headers deadLetter, String position) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter) {
            String name = header.key();
            if (!name.startsWith("kafka_dlt-") && !name.startsWith("x-dlt-") && !name.equals(REPLAYED_FROM_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM_HEADER, position.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static String sourceTopic(ConsumerRecord<?, ?> record) {
        String original = text(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (original != null) {
            return original;
        }
        String dlt = record.topic();
        return dlt.endsWith(DLT_SUFFIX) ? dlt.substring(0, dlt.length() - DLT_SUFFIX.length()) : dlt;
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private Set<String> replayedPositions() {
        Set<String> positions = new HashSet<>();
        readAll(Topics.OPS_DLT_REPLAYS, record -> {
            if (record.key() != null && record.value() != null) {
                positions.add(new String(record.key(), StandardCharsets.UTF_8));
            }
        });
        return positions;
    }

    /** Reads every committed record of {@code topic} once, from the beginning to the end as of now. */
    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset, so open transactions are not waited for
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), READ_TIMEOUT) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " took longer than "
                            + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
            }
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(consumerSettings);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // looking at a topic must never create it (with the broker's defaults instead of the contract's)
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-desk");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties(String dltTopic) {
        Map<String, Object> properties = new HashMap<>(producerSettings);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dead-letter-replay-" + dltTopic);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }

    /** How many dead letters a topic holds, how many of them were replayed, and their time range. */
    public record Summary(long count, long replayed, Instant oldest, Instant newest) {
    }

    public record Listing(String topic, long total, List<DeadLetter> deadLetters) {
    }

    /**
     * One dead letter, metadata only. {@code eventType} is the platform's event type name;
     * {@code replayedFrom} is set when this record was itself a replay that failed again.
     */
    public record DeadLetter(int partition, long offset, String key, Instant timestamp, String errorClass,
            String reason, String originalTopic, Integer originalPartition, Long originalOffset,
            String consumerGroup, String eventType, String replayedFrom, boolean replayed) {
    }

    public record Replayed(int partition, long offset, String key, String topic) {
    }

    public record ReplayResult(String topic, String replayedBy, Instant at, List<Replayed> replayed,
            List<String> alreadyReplayed) {
    }

    /** The value on {@link Topics#OPS_DLT_REPLAYS}. */
    public record ReplayRecord(String deadLetterTopic, int partition, long offset, String republishedTo,
            String key, String replayedBy, Instant replayedAt) {
    }

    public static class UnknownDeadLetterException extends RuntimeException {
        UnknownDeadLetterException(String what) {
            super("no such dead letter or dead-letter topic here: " + what, null, false, false);
        }
    }

    public static class ConcurrentReplayException extends RuntimeException {
        ConcurrentReplayException(String dltTopic) {
            super("another replay of " + dltTopic + " is running; try again", null, false, false);
        }
    }
}
