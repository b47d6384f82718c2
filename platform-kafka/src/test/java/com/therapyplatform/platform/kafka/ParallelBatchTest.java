package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class ParallelBatchTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ParallelBatch batch = new ParallelBatch(ObservationRegistry.NOOP, new SimpleMeterRegistry());
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void bind() {
        batch.bind((record, e) -> deadLettered.add(value(record) + ":" + DeadLetters.reasonCode(DeadLetters.decisive(e))));
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
        return new ConsumerRecord<>("intake.contact.v1", 0, offset, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static Message<?> polled(ConsumerRecord<?, ?>... records) {
        return MessageBuilder.withPayload(List.of()).setHeader(KafkaHeaders.RAW_DATA, List.of(records)).build();
    }

    private static String value(ConsumerRecord<?, ?> record) {
        return new String((byte[]) record.value(), StandardCharsets.UTF_8);
    }

    private void run(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, "receipt-in-0", "receipts", workers, handler);
    }

    /** Handles a record by its value: fails as the value says, else records it as handled. */
    private void byValue(ConsumerRecord<?, ?> record) {
        String value = value(record);
        switch (value) {
            case "unparseable" -> EventJson.read((byte[]) record.value(), Events.INTAKE_CONTACT_PROVIDED);
            case "invalid" -> throw new PoisonRecordException("CONTACT_UNKNOWN");
            case "smtp down" -> throw new TransientFailure("SMTP_UNAVAILABLE");
            case "bug" -> throw new IllegalStateException("a bug");
            default -> handled.add(value);
        }
    }

    @Test
    void differentIntakesAreHandledAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Boolean> sawTheOther = Collections.synchronizedList(new ArrayList<>());

        run(polled(record(0, "a", "a1"), record(1, "b", "b1")), record -> {
            bothStarted.countDown();
            try {
                // each waits for the other to have started: only possible when both run at once
                sawTheOther.add(bothStarted.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(sawTheOther).containsExactly(true, true);
    }

    @Test
    void oneIntakesRecordsAreHandledInOrderOneAtATime() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<ConsumerRecord<?, ?>> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(record(i, i % 2 == 0 ? "a" : "b", (i % 2 == 0 ? "a" : "b") + i));
        }
        int[] inFlight = new int[2];

        run(polled(records.toArray(ConsumerRecord[]::new)), record -> {
            int key = value(record).charAt(0) - 'a';
            synchronized (inFlight) {
                assertThat(++inFlight[key]).isEqualTo(1);
            }
            order.add(value(record));
            synchronized (inFlight) {
                inFlight[key]--;
            }
        });

        assertThat(order.stream().filter(v -> v.startsWith("a")).map(v -> Integer.parseInt(v.substring(1))))
                .isSorted().hasSize(25);
        assertThat(order.stream().filter(v -> v.startsWith("b")).map(v -> Integer.parseInt(v.substring(1))))
                .isSorted().hasSize(25);
    }

    @Test
    void poisonIsDeadLetteredAloneAndTheIntakesLaterRecordsGoOn() {
        run(polled(record(0, "a", "unparseable"), record(1, "a", "a2"), record(2, "b", "invalid"), record(3, "c", "c1")),
                this::byValue);

        assertThat(handled).containsExactlyInAnyOrder("a2", "c1");
        assertThat(deadLettered).containsExactlyInAnyOrder("unparseable:UNPARSEABLE", "invalid:CONTACT_UNKNOWN");
    }

    @Test
    void aTransientFailureStopsOnlyItsIntakeThenFailsThePollWhichOnRedeliverySkipsWhatWasFinished() {
        Message<?> poll = polled(record(0, "a", "a1"), record(1, "b", "smtp down"), record(2, "b", "b2"),
                record(3, "c", "invalid"), record(4, "d", "d1"));

        assertThatThrownBy(() -> run(poll, this::byValue)).isInstanceOf(TransientFailure.class)
                .hasMessage("SMTP_UNAVAILABLE");
        assertThat(handled).containsExactlyInAnyOrder("a1", "d1"); // b2 waits behind b's failed record
        assertThat(deadLettered).containsExactly("invalid:CONTACT_UNKNOWN");

        // the server is back: the poll is handed over again
        run(poll, record -> handled.add(value(record)));

        assertThat(handled).containsExactlyInAnyOrder("a1", "d1", "smtp down", "b2");
        assertThat(deadLettered).containsExactly("invalid:CONTACT_UNKNOWN"); // not a second time
    }

    @Test
    void aRecordFinishedOnOneBindingIsStillHandledOnAnotherBindingOfTheSameTopic() {
        Message<?> poll = polled(record(0, "a", "a1"));

        run(poll, this::byValue);
        batch.forEach(poll, "page-in-0", "pages", workers, this::byValue);

        assertThat(handled).containsExactly("a1", "a1");
    }

    @Test
    void anUnclassifiedFailureIsRetriedAFewTimesThenDeadLetteredSoThePartitionMovesOn() {
        Message<?> poll = polled(record(0, "a", "bug"), record(1, "a", "a2"));

        for (int attempt = 1; attempt <= DeadLetters.UNCLASSIFIED_RETRIES; attempt++) {
            assertThatThrownBy(() -> run(poll, this::byValue)).isInstanceOf(TransientFailure.class)
                    .hasMessage("UNCLASSIFIED");
        }
        assertThat(deadLettered).isEmpty();
        assertThat(handled).isEmpty();

        run(poll, this::byValue);

        assertThat(deadLettered).containsExactly("bug:UNCLASSIFIED");
        assertThat(handled).containsExactly("a2");
    }

    @Test
    void aDeadLetterTheBrokerDidNotTakeIsRetriedWithThePoll() {
        batch.bind((record, e) -> {
            throw new IllegalStateException("broker down");
        });

        assertThatThrownBy(() -> run(polled(record(0, "a", "invalid"), record(1, "a", "a2")), this::byValue))
                .isInstanceOf(TransientFailure.class).hasMessage("DEAD_LETTER_NOT_ACCEPTED");
        assertThat(handled).isEmpty();
    }

    @Test
    void aBindingWithoutTheRecordsConverterIsRefused() {
        assertThatThrownBy(() -> run(MessageBuilder.withPayload(List.of()).build(), this::byValue))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(TransactionalBatch.RECORDS_CONVERTER);
    }
}
