package com.therapyplatform.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.messaging.Message;

/**
 * Handles the records of one poll in one Kafka transaction (a binding in batch mode on a transactional
 * binder): every output and every offset of the poll commit together, or none does.
 *
 * <p>A poison record must not take its neighbours with it. The binder's batch dead-lettering would send
 * the whole poll to the dead-letter topic, so each record is first <em>prepared</em> (decoded and
 * decided, no side effects): a record whose preparation fails is dead-lettered alone, inside the same
 * transaction, with the headers {@link DeadLetters} writes for single records. Only then are the
 * prepared records <em>applied</em> (published). A failure while applying, or a transient one while
 * preparing, rolls the whole poll back and it is redelivered (the container retries it in place for
 * as long as it takes, {@link DeadLetterContainerCustomizer}).
 *
 * <p>Each record is handled in an observation of its own, continuing the trace its headers carry, so
 * its log lines and the events it publishes keep the intake's trace id.
 */
public class TransactionalBatch {

    /**
     * The name of the converter bean a batch binding must use
     * ({@code spring.cloud.stream.kafka.bindings.<name>.consumer.converter-bean-name}): it hands the
     * function the polled records themselves, with their headers, offsets and partitions.
     */
    public static final String RECORDS_CONVERTER = "platformBatchRecordsConverter";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private volatile DeadLetterPublishingRecoverer deadLetters;
    private static final Logger log = LoggerFactory.getLogger(TransactionalBatch.class);

    private volatile ProducerFactory<?, ?> boundTo;
    private int consumerThreads;

    public TransactionalBatch(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations;
        this.meters = meters;
    }

    /**
     * The binder's transactional producers: a dead letter sent through them joins the poll's transaction.
     * Called once per batch binding; every binding of a binder shares its one transaction manager, so
     * they all bind the same producers (a second one would send some bindings' dead letters outside
     * their transaction: refused).
     */
    synchronized void bind(ProducerFactory<?, ?> transactionalProducers) {
        if (boundTo == transactionalProducers) {
            return;
        }
        if (boundTo != null) {
            throw new IllegalStateException("transactional batch bindings must share one transaction manager");
        }
        boundTo = transactionalProducers;
        @SuppressWarnings("unchecked")
        KafkaTemplate<Object, Object> template =
                new KafkaTemplate<>((ProducerFactory<Object, Object>) transactionalProducers);
        this.deadLetters = DeadLetters.recoverer(template, meters);
    }

    /** As {@link #bind(ProducerFactory)}, for a binding with this many consumer threads. */
    synchronized void bind(ProducerFactory<?, ?> transactionalProducers, int consumers) {
        bind(transactionalProducers);
        consumerThreads += Math.max(1, consumers);
    }

    /**
     * One transactional producer per consumer thread of the batch bindings, created once the service has
     * started instead of by the first polls that need them: the binder creates them on demand, so the
     * first urgent poll in triage waited for a second producer and its InitProducerId while the routine
     * consumer held the first (0.3-0.7 s; docs/benchmarks/tuning.md, change 16). Closing one returns it
     * to the factory's cache. In a thread of its own: start-up does not wait for the brokers' answers.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void createProducersAhead() {
        ProducerFactory<?, ?> producers;
        int count;
        synchronized (this) {
            producers = boundTo;
            count = consumerThreads;
        }
        if (producers == null || count == 0) {
            return;
        }
        Thread creator = new Thread(() -> createAndCache(producers, count), "transactional-producers-ahead");
        creator.setDaemon(true);
        creator.start();
    }

    static void createAndCache(ProducerFactory<?, ?> producers, int count) {
        List<Producer<?, ?>> created = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                created.add(producers.createProducer()); // held, so that each one is a new producer
            }
        } catch (RuntimeException e) {
            log.info("Transactional producers not created ahead ({}): the first polls create them",
                    e.getClass().getSimpleName());
        } finally {
            created.forEach(Producer::close);
        }
    }

    static BatchMessagingMessageConverter recordsConverter() {
        BatchMessagingMessageConverter converter = new BatchMessagingMessageConverter();
        converter.setRawRecordHeader(true);
        return converter;
    }

    /** The polled records behind a batch message (see {@link #RECORDS_CONVERTER}). */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<?, ?>> records(Message<?> batch) {
        Object raw = batch.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> records)) {
            throw new IllegalStateException("the binding does not use the " + RECORDS_CONVERTER + " converter");
        }
        return (List<ConsumerRecord<?, ?>>) records;
    }

    /**
     * Prepares and applies each record of the batch in order, each in its own observation.
     *
     * @param listenerId names the observations (the binding, e.g. {@code triage-in-0})
     * @param prepare    decodes and decides, without side effects; a failure that is not transient makes
     *                   the record poison: it is dead-lettered and skipped
     * @param apply      publishes what was decided; a failure rolls the whole batch back
     */
    public <T> void forEach(Message<?> batch, String listenerId, String group,
            Function<ConsumerRecord<?, ?>, T> prepare, BiConsumer<ConsumerRecord<?, ?>, T> apply) {
        DeadLetterPublishingRecoverer recoverer = deadLetters;
        if (recoverer == null) {
            throw new IllegalStateException("no transactional batch binding was configured");
        }
        for (ConsumerRecord<?, ?> record : records(batch)) {
            observe(record, listenerId, group, observations, () -> {
                T prepared;
                try {
                    prepared = prepare.apply(record);
                } catch (RuntimeException e) {
                    if (DeadLetters.decisive(e) instanceof TransientFailure) {
                        throw e;
                    }
                    recoverer.accept(record, e); // throws if the broker did not take it: the batch rolls back
                    return;
                }
                apply.accept(record, prepared);
            });
        }
    }

    /** Runs the handling of one record in a listener observation that continues the trace its headers carry. */
    static void observe(ConsumerRecord<?, ?> record, String listenerId, String group, ObservationRegistry observations,
            Runnable handling) {
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, listenerId, null, group, () -> null), observations)
                .observe(handling);
    }
}
