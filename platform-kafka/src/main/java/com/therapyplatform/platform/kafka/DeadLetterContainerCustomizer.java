package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.util.backoff.BackOff;

/**
 * The platform's single retry layer, installed on every binder consumer: poison records go to
 * {@code <topic>.dlt} at once, transient failures retry in place (no retry topics: they would
 * reorder an intake's events). On a transactional binding the dead letter and the offset commit of
 * the poison record happen in the binding's own transaction.
 */
public class DeadLetterContainerCustomizer implements ListenerContainerWithDlqAndRetryCustomizer {

    private final ObjectProvider<ProducerFactory<byte[], byte[]>> producerFactory;
    private final MeterRegistry meters;
    private final ObjectProvider<TransactionalBatch> batches;
    private final ObjectProvider<ParallelBatch> parallelBatches;
    private final boolean asyncCommits;

    /**
     * @param asyncCommits {@code platform.kafka.consumer.async-commits} (default true); false restores
     *                     Spring's synchronous commits, for a before/after measurement
     */
    public DeadLetterContainerCustomizer(ObjectProvider<ProducerFactory<byte[], byte[]>> producerFactory,
            MeterRegistry meters, ObjectProvider<TransactionalBatch> batches, ObjectProvider<ParallelBatch> parallelBatches,
            boolean asyncCommits) {
        this.producerFactory = producerFactory;
        this.meters = meters;
        this.batches = batches;
        this.parallelBatches = parallelBatches;
        this.asyncCommits = asyncCommits;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        KafkaAwareTransactionManager<?, ?> transactions =
                container.getContainerProperties().getKafkaAwareTransactionManager();
        if (transactions != null) {
            // a fenced producer's poll was aborted: stop, and FencedContainerRestarter starts the consumer again
            // from its committed offsets (else it would go on past the aborted records)
            container.getContainerProperties().setStopContainerWhenFenced(true);
        }
        if (properties != null && properties.isBatchMode() && transactions != null) {
            // TransactionalBatch dead-letters poison records itself, one by one, inside the poll's
            // transaction; what still fails the batch is a failure to publish: retried in place, in order,
            // for as long as it takes (the binder's own batch recovery would dead-letter the whole poll)
            TransactionalBatch batch = batches.getIfAvailable();
            if (batch == null) {
                throw new IllegalStateException("a transactional batch binding needs the TransactionalBatch bean");
            }
            batch.bind(transactions.getProducerFactory(), properties.getConcurrency());
            // after a rollback the whole poll is sought back and redelivered (spring-kafka never skips a record
            // of a batch unless batch recovery is switched on, which it is not); the back-off paces the retries
            DefaultAfterRollbackProcessor<Object, Object> rollback =
                    new DefaultAfterRollbackProcessor<>(DeadLetters.transientBackOff());
            @SuppressWarnings("unchecked")
            var typed = (AbstractMessageListenerContainer<Object, Object>) container;
            typed.setAfterRollbackProcessor(rollback);
            return;
        }
        if (properties != null && properties.isBatchMode()) {
            // ParallelBatch dead-letters poison records itself, one by one; what still fails the poll is a record
            // to retry: the whole poll is handed to the listener again (finished records are skipped), in place
            // and in order, for as long as it takes, with the consumer paused but polling so it keeps its group
            ParallelBatch batch = parallelBatches.getIfAvailable();
            if (batch == null) {
                throw new IllegalStateException("a batch binding without transactions needs the ParallelBatch bean");
            }
            batch.bind(producerFactory.getObject());
            container.getContainerProperties().setSyncCommits(!asyncCommits);
            DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
                throw new IllegalStateException("a poll is retried until it succeeds, never given up", e);
            }, DeadLetters.transientBackOff());
            handler.setClassifications(java.util.Map.of(), true); // every failure retries: ParallelBatch sorted them
            container.setCommonErrorHandler(handler);
            return;
        }
        configure(container, destinationName, group, dlqDestinationResolver, backOff);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        KafkaAwareTransactionManager<?, ?> transactions =
                container.getContainerProperties().getKafkaAwareTransactionManager();
        if (transactions != null) {
            container.getContainerProperties().setStopContainerWhenFenced(true); // see FencedContainerRestarter
            KafkaTemplate<Object, Object> template =
                    new KafkaTemplate<>((ProducerFactory<Object, Object>) transactions.getProducerFactory());
            DefaultAfterRollbackProcessor<Object, Object> rollback = new DefaultAfterRollbackProcessor<>(
                    DeadLetters.recoverer(template, meters), DeadLetters.backOffFor(new RuntimeException()), template, true);
            rollback.setBackOffFunction((record, failure) -> DeadLetters.backOffFor(failure));
            rollback.addNotRetryableExceptions(EventDecodingException.class, PoisonRecordException.class);
            ((AbstractMessageListenerContainer<Object, Object>) container).setAfterRollbackProcessor(rollback);
        } else {
            // Not transactional, so at-least-once anyway: commit the offsets without waiting for the
            // broker (a sync commit cost ~10 ms per hop, docs/benchmarks/tuning.md). A failed or lost
            // async commit only widens redelivery after a rebalance or crash; the handlers de-duplicate.
            container.getContainerProperties().setSyncCommits(!asyncCommits);
            DefaultErrorHandler handler = new DefaultErrorHandler(
                    DeadLetters.recoverer(new KafkaTemplate<>(producerFactory.getObject()), meters),
                    DeadLetters.backOffFor(new RuntimeException()));
            handler.setBackOffFunction((record, failure) -> DeadLetters.backOffFor(failure));
            handler.addNotRetryableExceptions(EventDecodingException.class, PoisonRecordException.class);
            container.setCommonErrorHandler(handler);
        }
    }
}
