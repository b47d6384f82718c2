package com.therapyplatform.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Group commit without a broker: a fake template records what each transaction sent, and can hold a
 * transaction open so that the next submissions have to wait for it.
 */
class IntakePublisherGroupCommitTest {

    private final List<List<String>> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch inFirstTransaction = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private volatile RuntimeException failWith;
    private volatile RuntimeException failBeforeSending;
    private IntakePublisher publisher;

    @SuppressWarnings("unchecked")
    private IntakePublisher publisher(Duration timeout) {
        KafkaTemplate<byte[], byte[]> kafka = mock(KafkaTemplate.class);
        when(kafka.executeInTransaction(any())).thenAnswer(invocation -> {
            List<String> sent = new ArrayList<>();
            KafkaOperations<byte[], byte[]> operations = mock(KafkaOperations.class);
            doAnswer(send -> {
                sent.add(new String(((ProducerRecord<byte[], byte[]>) send.getArgument(0)).value(),
                        StandardCharsets.UTF_8));
                return new CompletableFuture<>(); // acknowledged by the commit, as a transactional send is
            }).when(operations).send(any(ProducerRecord.class));
            if (inFirstTransaction.getCount() == 1) {
                inFirstTransaction.countDown();
                releaseFirst.await(10, TimeUnit.SECONDS);
            }
            if (failBeforeSending != null) {
                throw failBeforeSending; // as when the transaction cannot even begin
            }
            invocation.<KafkaOperations.OperationsCallback<byte[], byte[], Object>>getArgument(0)
                    .doInOperations(operations);
            if (failWith != null) {
                throw failWith; // as when the commit fails or times out
            }
            committed.add(sent);
            return null;
        });
        publisher = new IntakePublisher(kafka, ObservationRegistry.NOOP, new SimpleMeterRegistry(), timeout);
        publisher.start();
        return publisher;
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        publisher.stop();
    }

    /** Two records per submission, like an intake's events: they must stay together in one transaction. */
    private static List<ProducerRecord<byte[], byte[]>> submission(String name) {
        return List.of(new ProducerRecord<>("t", (name + "/1").getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>("t", (name + "/2").getBytes(StandardCharsets.UTF_8)));
    }

    private CompletableFuture<Void> submitAsync(String name) {
        return CompletableFuture.runAsync(() -> publisher.publishAtomically(submission(name)));
    }

    @Test
    void submissionsArrivingDuringATransactionAreCommittedTogetherInTheNextOneWithTheirRecordsSideBySide()
            throws Exception {
        publisher(Duration.ofSeconds(10));
        CompletableFuture<Void> first = submitAsync("a");
        assertThat(inFirstTransaction.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> others = IntStream.range(0, 10).mapToObj(i -> submitAsync("b" + i)).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.waiting() == 10);
        assertThat(first).isNotDone();

        releaseFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(committed).hasSize(2);
        assertThat(committed.get(0)).containsExactly("a/1", "a/2");
        List<String> second = committed.get(1);
        assertThat(second).hasSize(20);
        for (int i = 0; i < 10; i++) {
            int at = second.indexOf("b" + i + "/1");
            assertThat(second.get(at + 1)).isEqualTo("b" + i + "/2");
        }
    }

    @Test
    void aSubmissionNotTakenIntoATransactionInTimeIsWithdrawnAndNeverSent() throws Exception {
        publisher(Duration.ofMillis(300));
        CompletableFuture<Void> first = submitAsync("a");
        assertThat(inFirstTransaction.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> publisher.publishAtomically(submission("late")))
                .isInstanceOf(KafkaException.class).hasMessageContaining("not taken");
        releaseFirst.countDown();
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IntakePublisher.OutcomeUnknown.class)
                .cause().hasMessageContaining("not acknowledged in time");
        publisher.publishAtomically(submission("next"));

        assertThat(committed).containsExactly(List.of("a/1", "a/2"), List.of("next/1", "next/2"));
    }

    @Test
    void whenTheCommitFailsAfterEverySendEverySubmissionInTheBatchIsToldTheOutcomeIsUnknown() throws Exception {
        failWith = new KafkaException("commit timed out");
        for (CompletableFuture<Void> submission : oneAloneThenThreeTogether()) {
            assertThatThrownBy(() -> submission.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IntakePublisher.OutcomeUnknown.class).hasRootCauseMessage("commit timed out");
        }
        assertThat(committed).isEmpty();
    }

    @Test
    void whenATransactionFailsBeforeEverythingWasSentEverySubmissionInItKnowsNothingWasCommitted() throws Exception {
        failBeforeSending = new KafkaException("broker gone");
        for (CompletableFuture<Void> submission : oneAloneThenThreeTogether()) {
            assertThatThrownBy(() -> submission.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(KafkaException.class).hasMessage("broker gone");
        }
        assertThat(committed).isEmpty();
    }

    /** One submission in a held transaction, three waiting for the next; then both transactions run. */
    private List<CompletableFuture<Void>> oneAloneThenThreeTogether() throws InterruptedException {
        publisher(Duration.ofSeconds(10));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        all.add(submitAsync("a"));
        assertThat(inFirstTransaction.await(5, TimeUnit.SECONDS)).isTrue();
        IntStream.range(0, 3).forEach(i -> all.add(submitAsync("b" + i)));
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.waiting() == 3);
        releaseFirst.countDown();
        return all;
    }
}
