package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

class DeadLetterContainerCustomizerTest {

    @SuppressWarnings("unchecked")
    private static boolean syncCommitsAfterCustomizing(boolean asyncCommits) {
        ObjectProvider<ProducerFactory<byte[], byte[]>> producers = mock(ObjectProvider.class);
        when(producers.getObject()).thenReturn(mock(ProducerFactory.class));
        DeadLetterContainerCustomizer customizer = new DeadLetterContainerCustomizer(producers,
                new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(TransactionalBatch.class),
                new StaticListableBeanFactory().getBeanProvider(ParallelBatch.class), asyncCommits);
        var container = new KafkaMessageListenerContainer<>(mock(ConsumerFactory.class), new ContainerProperties("t"));
        customizer.configure(container, "t", "g", null, null);
        return container.getContainerProperties().isSyncCommits();
    }

    @Test
    void anAtLeastOnceConsumerCommitsItsOffsetsWithoutWaitingForTheBroker() {
        assertThat(syncCommitsAfterCustomizing(true)).isFalse();
    }

    @Test
    void synchronousCommitsCanBeRestoredForABeforeAndAfterMeasurement() {
        assertThat(syncCommitsAfterCustomizing(false)).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTransactionalBatchBindingDeadLettersThroughItsTransactionAndAFailedPollIsRedeliveredWholeNeverSkipped() {
        ProducerFactory<Object, Object> transactional = mock(ProducerFactory.class);
        when(transactional.transactionCapable()).thenReturn(true);
        KafkaAwareTransactionManager<Object, Object> transactions = mock(KafkaAwareTransactionManager.class);
        when(transactions.getProducerFactory()).thenReturn(transactional);
        ContainerProperties containerProperties = new ContainerProperties("t");
        containerProperties.setKafkaAwareTransactionManager(transactions);
        var container = new KafkaMessageListenerContainer<>(mock(ConsumerFactory.class), containerProperties);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        TransactionalBatch batch = new TransactionalBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());
        beans.addBean("batch", batch);
        Message<?> emptyPoll = MessageBuilder.withPayload(List.of()).setHeader(KafkaHeaders.RAW_DATA, List.of()).build();
        assertThatThrownBy(() -> batch.forEach(emptyPoll, "t-in-0", "g", r -> r, (r, v) -> { }))
                .hasMessageContaining("no transactional batch binding");
        ExtendedConsumerProperties<KafkaConsumerProperties> batchMode =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        batchMode.setBatchMode(true);
        new DeadLetterContainerCustomizer(mock(ObjectProvider.class), new SimpleMeterRegistry(),
                beans.getBeanProvider(TransactionalBatch.class), beans.getBeanProvider(ParallelBatch.class), true)
                .configure(container, "t", "g", null, null, batchMode);
        batch.forEach(emptyPoll, "t-in-0", "g", r -> r, (r, v) -> { }); // bound to the transaction's producers now
        // a fenced producer stops the consumer (FencedContainerRestarter starts it from the committed offsets)
        assertThat(container.getContainerProperties().isStopContainerWhenFenced()).isTrue();

        List<ConsumerRecord<Object, Object>> poll = List.of(new ConsumerRecord<>("t", 0, 7L, "k", "a"),
                new ConsumerRecord<>("t", 0, 8L, "k", "b"));
        Consumer<Object, Object> consumer = mock(Consumer.class);
        var rollback = container.getAfterRollbackProcessor();
        for (RuntimeException failure : List.of(new ClassCastException(), new IllegalStateException(),
                new TransientFailure("PUBLISH_NOT_ACCEPTED"))) {
            rollback.processBatch(new ConsumerRecords<>(Map.of(new TopicPartition("t", 0), poll), Map.of()), poll,
                    consumer, container, failure, false, ContainerProperties.EOSMode.V2);
        }

        verify(consumer, times(3)).seek(new TopicPartition("t", 0), 7L);
        verify(consumer, never()).seek(new TopicPartition("t", 0), 8L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBatchBindingWithoutTransactionsIsBoundToTheParallelBatchAndRetriesAFailedPollUntilItSucceeds() {
        ObjectProvider<ProducerFactory<byte[], byte[]>> producers = mock(ObjectProvider.class);
        when(producers.getObject()).thenReturn(mock(ProducerFactory.class));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        ParallelBatch batch = new ParallelBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());
        beans.addBean("parallel", batch);
        Message<?> emptyPoll = MessageBuilder.withPayload(List.of()).setHeader(KafkaHeaders.RAW_DATA, List.of()).build();
        assertThatThrownBy(() -> batch.forEach(emptyPoll, "t-in-0", "g", Runnable::run, r -> { }))
                .hasMessageContaining("no parallel batch binding");
        ExtendedConsumerProperties<KafkaConsumerProperties> batchMode =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        batchMode.setBatchMode(true);
        var container = new KafkaMessageListenerContainer<>(mock(ConsumerFactory.class), new ContainerProperties("t"));

        new DeadLetterContainerCustomizer(producers, new SimpleMeterRegistry(),
                beans.getBeanProvider(TransactionalBatch.class), beans.getBeanProvider(ParallelBatch.class), true)
                .configure(container, "t", "g", null, null, batchMode);

        batch.forEach(emptyPoll, "t-in-0", "g", Runnable::run, r -> { }); // bound to the binder's producers now
        // a poll that failed, even with what spring-kafka would call fatal, is handed to the listener again,
        // never to a recoverer with the whole poll (ParallelBatch has already dead-lettered the poison)
        TopicPartition partition = new TopicPartition("t", 0);
        List<ConsumerRecord<Object, Object>> poll = List.of(new ConsumerRecord<>("t", 0, 7L, "k", "a"));
        Consumer<Object, Object> consumer = mock(Consumer.class);
        when(consumer.assignment()).thenReturn(java.util.Set.of(partition));
        when(consumer.poll(org.mockito.ArgumentMatchers.any(java.time.Duration.class)))
                .thenReturn(ConsumerRecords.empty());
        var running = mock(org.springframework.kafka.listener.MessageListenerContainer.class);
        when(running.isRunning()).thenReturn(true);
        when(running.getContainerFor("t", 0)).thenReturn(running);
        java.util.concurrent.atomic.AtomicInteger redelivered = new java.util.concurrent.atomic.AtomicInteger();
        for (RuntimeException failure : List.of(new ClassCastException(), new TransientFailure("SMTP_UNAVAILABLE"))) {
            container.getCommonErrorHandler().handleBatch(failure,
                    new ConsumerRecords<>(Map.of(partition, poll), Map.of()), consumer, running,
                    redelivered::incrementAndGet);
        }
        assertThat(redelivered).hasValue(2);
        assertThat(container.getContainerProperties().isSyncCommits()).isFalse();
    }
}
