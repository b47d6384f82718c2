package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class TransactionalBatchTest {

    /** Shared, as the binder's producer factory shares its producers: a template's close() is not the end. */
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public void close(java.time.Duration timeout) {
                }
            };
    private final TransactionalBatch batch = new TransactionalBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());
    private final List<String> applied = new ArrayList<>();
    private ProducerFactory<?, ?> boundProducers;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void bindToAProducer() {
        ProducerFactory<byte[], byte[]> producers = mock(ProducerFactory.class);
        when(producers.createProducer()).thenReturn(producer);
        batch.bind(producers);
        boundProducers = producers;
    }

    /** triage-service has two batch bindings (routine and urgent); both bind the binder's one producer factory. */
    @Test
    void aSecondBindingOnTheSameProducersIsAcceptedButOtherProducersAreRefused() {
        batch.bind(boundProducers);

        assertThatThrownBy(() -> batch.bind(mock(ProducerFactory.class))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onceStartedAProducerIsCreatedAheadForEveryConsumerThreadAndHandedBackToTheCache() {
        TransactionalBatch triage = new TransactionalBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());
        ProducerFactory<byte[], byte[]> producers = mock(ProducerFactory.class);
        List<Producer<byte[], byte[]>> created = new CopyOnWriteArrayList<>();
        when(producers.createProducer()).thenAnswer(create -> {
            Producer<byte[], byte[]> made = mock(Producer.class);
            created.add(made);
            return made;
        });
        triage.bind(producers, 1); // routine
        triage.bind(producers, 1); // urgent

        triage.createProducersAhead();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(created).hasSize(2);
            created.forEach(made -> verify(made).close());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void producersThatCannotBeCreatedAheadAreLeftToTheFirstPollsAndThoseCreatedAreHandedBack() {
        ProducerFactory<byte[], byte[]> producers = mock(ProducerFactory.class);
        Producer<byte[], byte[]> first = mock(Producer.class);
        when(producers.createProducer()).thenReturn(first)
                .thenThrow(new TimeoutException("no broker within max.block.ms"));

        TransactionalBatch.createAndCache(producers, 3);

        verify(producers, times(2)).createProducer();
        verify(first).close();
    }

    @Test
    void producersBoundWithoutConsumerThreadsGetNoneCreatedAhead() {
        batch.createProducersAhead(); // bound in bindToAProducer(), with no consumer threads counted

        verify(boundProducers, after(300).never()).createProducer();
    }

    @Test
    void withoutAnyBindingCreatingAheadIsANoOp() {
        TransactionalBatch none = new TransactionalBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());

        assertThatCode(none::createProducersAhead).doesNotThrowAnyException();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>("intake.submitted.v1", 0, offset, ("key-" + offset).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static Message<?> polled(ConsumerRecord<?, ?>... records) {
        return MessageBuilder.withPayload(List.of()).setHeader(KafkaHeaders.RAW_DATA, List.of(records)).build();
    }

    private void run(Message<?> polled) {
        batch.forEach(polled, "test-in-0", "test", record -> {
            String value = new String((byte[]) record.value(), StandardCharsets.UTF_8);
            return switch (value) {
                case "unparseable" -> EventJson.read((byte[]) record.value(), Events.INTAKE_SUBMITTED).toString();
                case "invalid" -> throw new PoisonRecordException("ANSWER_NOT_AN_OPTION");
                case "not yet" -> throw new TransientFailure("LOOKUP_NOT_READY");
                default -> value;
            };
        }, (record, value) -> {
            if (value.equals("publish fails")) {
                throw new TransientFailure("PUBLISH_NOT_ACCEPTED");
            }
            applied.add(value);
        });
    }

    private List<String> deadLetterReasons() {
        return producer.history().stream().map(ProducerRecord::headers)
                .map(h -> new String(h.lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void poisonRecordsAreDeadLetteredAloneAndTheirNeighboursAreAppliedInOrder() {
        run(polled(record(0, "a"), record(1, "unparseable"), record(2, "b"), record(3, "invalid"), record(4, "c")));

        assertThat(applied).containsExactly("a", "b", "c");
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("intake.submitted.v1.dlt", "intake.submitted.v1.dlt");
        assertThat(deadLetterReasons()).containsExactly("UNPARSEABLE", "ANSWER_NOT_AN_OPTION");
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(new String(first.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo("intake.submitted.v1");
        assertThat(first.key()).isEqualTo("key-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTransientFailureWhilePreparingFailsTheWholeBatchAndDeadLettersNothing() {
        assertThatThrownBy(() -> run(polled(record(0, "a"), record(1, "not yet"), record(2, "b"))))
                .isInstanceOf(TransientFailure.class);

        assertThat(producer.history()).isEmpty();
        assertThat(applied).containsExactly("a"); // rolled back with the transaction, then redelivered
    }

    @Test
    void aFailureToPublishFailsTheWholeBatchSoItIsRolledBackAndRedelivered() {
        assertThatThrownBy(() -> run(polled(record(0, "a"), record(1, "publish fails"), record(2, "b"))))
                .isInstanceOf(TransientFailure.class);

        assertThat(producer.history()).isEmpty();
        assertThat(applied).containsExactly("a");
    }

    @Test
    void aBindingWithoutTheRecordsConverterIsRefusedRatherThanSilentlySkipped() {
        assertThatThrownBy(() -> run(MessageBuilder.withPayload(List.of()).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(TransactionalBatch.RECORDS_CONVERTER);
    }
}
