package com.therapyplatform.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.messaging.Message;

/**
 * Handles the records of one poll at once across intakes and in order within each (at least once, for a
 * binding in batch mode on a binder without transactions): records are grouped by key, each group runs
 * on a worker of the given pool, and the call returns when every group has finished. The container
 * commits the poll's offsets only then.
 *
 * <p>Why: a lane whose every message waits on outside servers (SMTP, an SMS API, the audit event's
 * acknowledgement) spends its time waiting, and a partition's consumer thread waits for one message
 * after another. Intakes are independent; only one intake's messages need their order.
 *
 * <p>Failures are sorted per record, as the record-at-a-time error handler sorts them:
 * <ul>
 *   <li>poison: dead-lettered alone, at once, and its group goes on;</li>
 *   <li>transient: its group stops there (what comes after it for that intake must wait), the other
 *       groups finish, then the call fails and the binding's error handler redelivers the whole poll
 *       after a back-off, for as long as it takes ({@link DeadLetterContainerCustomizer});</li>
 *   <li>unclassified: as transient, until the record has failed {@link DeadLetters#UNCLASSIFIED_RETRIES}
 *       more times; then it is dead-lettered, so no partition blocks forever.</li>
 * </ul>
 * A redelivered poll skips what this instance already finished or dead-lettered, so nothing is
 * dead-lettered twice; the handler itself must be idempotent for what it started before a crash.
 */
public class ParallelBatch {

    /** How many finished records this instance remembers, to skip them when a poll is redelivered. */
    private static final int MEMORY = 10_000;

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final Map<String, Integer> finished = bounded();
    private final Map<String, Integer> failures = bounded();
    private volatile BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;

    public ParallelBatch(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations;
        this.meters = meters;
    }

    /** The binder's (non-transactional) producers: each dead letter waits for the broker's acknowledgement. */
    void bind(ProducerFactory<?, ?> producers) {
        @SuppressWarnings("unchecked")
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>((ProducerFactory<Object, Object>) producers);
        bind(DeadLetters.recoverer(template, meters));
    }

    void bind(BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * Handles every record of the poll, those of one key in order on one worker at a time.
     *
     * @param listenerId names the observations (the binding, e.g. {@code receipt-in-0})
     * @param workers    runs the groups; its size bounds how many are handled at once
     * @throws TransientFailure when a record must be retried: the poll is redelivered
     */
    public void forEach(Message<?> batch, String listenerId, String group, Executor workers,
            Consumer<ConsumerRecord<?, ?>> handler) {
        BiConsumer<ConsumerRecord<?, ?>, Exception> recoverer = deadLetters;
        if (recoverer == null) {
            throw new IllegalStateException("no parallel batch binding was configured");
        }
        Map<Object, List<ConsumerRecord<?, ?>>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<?, ?> record : TransactionalBatch.records(batch)) {
            byKey.computeIfAbsent(key(record), k -> new ArrayList<>()).add(record);
        }
        List<CompletableFuture<RuntimeException>> running = new ArrayList<>(byKey.size());
        for (List<ConsumerRecord<?, ?>> records : byKey.values()) {
            try {
                running.add(CompletableFuture.supplyAsync(
                        () -> inOrder(records, listenerId, group, handler, recoverer), workers));
            } catch (RejectedExecutionException e) { // shutting down: the poll is redelivered, here or elsewhere
                running.add(CompletableFuture.completedFuture(new TransientFailure("WORKERS_UNAVAILABLE", e)));
            }
        }
        RuntimeException retry = null;
        for (CompletableFuture<RuntimeException> groupDone : running) {
            RuntimeException failure;
            try {
                failure = groupDone.join();
            } catch (CompletionException e) { // an Error in the handler
                failure = new TransientFailure("UNCLASSIFIED", e.getCause());
            }
            retry = retry == null ? failure : retry;
        }
        if (retry != null) {
            throw retry instanceof TransientFailure transientFailure ? transientFailure
                    : new TransientFailure("UNCLASSIFIED", retry);
        }
    }

    /** One key's records, in order; the failure that stopped them, or null. */
    private RuntimeException inOrder(List<ConsumerRecord<?, ?>> records, String listenerId, String group,
            Consumer<ConsumerRecord<?, ?>> handler, BiConsumer<ConsumerRecord<?, ?>, Exception> recoverer) {
        for (ConsumerRecord<?, ?> record : records) {
            // per binding: two bindings (consumer groups) on one topic each handle every record
            String coordinates = listenerId + " " + record.topic() + "-" + record.partition() + "@" + record.offset();
            if (remembered(finished, coordinates)) {
                continue;
            }
            try {
                TransactionalBatch.observe(record, listenerId, group, observations, () -> handler.accept(record));
            } catch (RuntimeException e) {
                Throwable decisive = DeadLetters.decisive(e);
                boolean poison = !(decisive instanceof TransientFailure) && (DeadLetters.isPoison(decisive)
                        || failedAgain(coordinates) > DeadLetters.UNCLASSIFIED_RETRIES);
                if (!poison) {
                    return e;
                }
                try {
                    recoverer.accept(record, e);
                } catch (RuntimeException notTaken) {
                    return new TransientFailure("DEAD_LETTER_NOT_ACCEPTED", notTaken);
                }
            }
            remember(finished, coordinates);
        }
        return null;
    }

    private int failedAgain(String coordinates) {
        synchronized (failures) {
            return failures.merge(coordinates, 1, Integer::sum);
        }
    }

    private static boolean remembered(Map<String, Integer> memory, String coordinates) {
        synchronized (memory) {
            return memory.containsKey(coordinates);
        }
    }

    private static void remember(Map<String, Integer> memory, String coordinates) {
        synchronized (memory) {
            memory.put(coordinates, 1);
        }
    }

    /** Records of one key stay in order; a record without a key has no order to keep, a group of its own. */
    private static Object key(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        return key instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : key != null ? key : new Object();
    }

    private static Map<String, Integer> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > MEMORY;
            }
        };
    }
}
