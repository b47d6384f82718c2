package com.therapyplatform.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.therapyplatform.questionnaire.Questionnaire;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Group commit without a broker: a fake transactional producer records what each transaction sent, can
 * hold the first commit open so that the next submissions have to wait for it, and can fail or time out.
 */
class IntakePublisherGroupCommitTest {

    private final List<List<String>> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch inFirstCommit = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final AtomicInteger timeoutsLeft = new AtomicInteger();
    private volatile RuntimeException failCommitWith;
    private volatile RuntimeException failBeginWith;
    private final AtomicInteger creationFailuresLeft = new AtomicInteger();
    private volatile String metadataMissingFor;
    private List<String> current = new ArrayList<>();
    private IntakePublisher publisher;
    private Producer<byte[], byte[]> producer;
    private ProducerFactory<byte[], byte[]> producers;

    @SuppressWarnings("unchecked")
    private IntakePublisher publisher(Duration timeout) {
        producer = mock(Producer.class);
        when(producer.partitionsFor(anyString())).thenAnswer(metadata -> {
            if (metadata.getArgument(0).equals(metadataMissingFor)) {
                throw new TimeoutException("no metadata within max.block.ms");
            }
            return List.of();
        });
        doAnswer(begin -> {
            if (failBeginWith != null) {
                throw failBeginWith; // as when the transaction cannot even begin
            }
            current = new ArrayList<>();
            return null;
        }).when(producer).beginTransaction();
        when(producer.send(any(ProducerRecord.class))).thenAnswer(send -> {
            current.add(new String(((ProducerRecord<byte[], byte[]>) send.getArgument(0)).value(),
                    StandardCharsets.UTF_8));
            return new CompletableFuture<>(); // acknowledged by the commit, as a transactional send is
        });
        doAnswer(commit -> {
            if (inFirstCommit.getCount() == 1) {
                inFirstCommit.countDown();
                releaseFirst.await(10, TimeUnit.SECONDS);
            }
            if (timeoutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TimeoutException("commit not confirmed within max.block.ms");
            }
            if (failCommitWith != null) {
                throw failCommitWith;
            }
            committed.add(current);
            return null;
        }).when(producer).commitTransaction();
        producers = mock(ProducerFactory.class);
        when(producers.createProducer()).thenAnswer(create -> {
            if (creationFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TimeoutException("no broker within max.block.ms");
            }
            return producer;
        });
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        publisher = new IntakePublisher(producers, new IntakeLanes(Questionnaire.current()), ObservationRegistry.NOOP,
                none.getBeanProvider(io.micrometer.tracing.Tracer.class),
                none.getBeanProvider(io.micrometer.tracing.propagation.Propagator.class), new SimpleMeterRegistry(),
                timeout);
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

    /** One submission in a held transaction, three waiting for the next; then both transactions run. */
    private List<CompletableFuture<Void>> oneAloneThenThreeTogether() throws InterruptedException {
        publisher(Duration.ofSeconds(10));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        all.add(submitAsync("a"));
        assertThat(inFirstCommit.await(5, TimeUnit.SECONDS)).isTrue();
        IntStream.range(0, 3).forEach(i -> all.add(submitAsync("b" + i)));
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.waiting() == 3);
        releaseFirst.countDown();
        return all;
    }

    @Test
    void theProducerAndEveryTopicsMetadataAreReadyBeforeTheFirstSubmission() {
        publisher(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            verify(producers).createProducer();
            IntakePublisher.TOPICS.forEach(topic -> verify(producer).partitionsFor(topic));
        });
        verify(producer, never()).beginTransaction();
        assertThat(IntakePublisher.TOPICS).contains("intake.submitted.urgent.v1", "intake.contact.urgent.v1");
    }

    @Test
    void metadataThatCannotBeFetchedAtStartKeepsTheProducerForTheFirstSubmission() throws Exception {
        releaseFirst.countDown(); // no commit held open here
        metadataMissingFor = "intake.submitted.urgent.v1";
        publisher(Duration.ofSeconds(10));

        submitAsync("a").get(5, TimeUnit.SECONDS);

        assertThat(committed).containsExactly(List.of("a/1", "a/2"));
        verify(producers).createProducer();
        verify(producer, never()).close(any());
    }

    @Test
    void aProducerThatCannotBeCreatedAtStartIsCreatedByTheFirstSubmission() throws Exception {
        creationFailuresLeft.set(1);
        releaseFirst.countDown(); // no commit held open here
        publisher(Duration.ofSeconds(10));

        submitAsync("a").get(5, TimeUnit.SECONDS);

        assertThat(committed).containsExactly(List.of("a/1", "a/2"));
        verify(producers, times(2)).createProducer();
    }

    @Test
    void submissionsArrivingDuringATransactionAreCommittedTogetherInTheNextOneWithTheirRecordsSideBySide()
            throws Exception {
        List<CompletableFuture<Void>> all = oneAloneThenThreeTogether();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(committed).hasSize(2);
        assertThat(committed.get(0)).containsExactly("a/1", "a/2");
        List<String> second = committed.get(1);
        assertThat(second).hasSize(6);
        for (int i = 0; i < 3; i++) {
            int at = second.indexOf("b" + i + "/1");
            assertThat(second.get(at + 1)).isEqualTo("b" + i + "/2");
        }
    }

    @Test
    void aSubmissionNotTakenIntoATransactionInTimeIsWithdrawnAndNeverSent() throws Exception {
        publisher(Duration.ofMillis(300));
        CompletableFuture<Void> first = submitAsync("a");
        assertThat(inFirstCommit.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> publisher.publishAtomically(submission("late")))
                .isInstanceOf(KafkaException.class).isNotInstanceOf(IntakePublisher.OutcomeUnknown.class)
                .hasMessageContaining("not taken");
        releaseFirst.countDown();
        publisher.publishAtomically(submission("next"));

        assertThat(committed).containsExactly(List.of("a/1", "a/2"), List.of("next/1", "next/2"));
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IntakePublisher.OutcomeUnknown.class);
    }

    @Test
    void aRequestThatStopsWaitingDuringItsCommitLearnsTheOutcomeLaterThroughItsResolution() throws Exception {
        publisher(Duration.ofMillis(300));
        CompletableFuture<Void> first = submitAsync("a");
        assertThat(inFirstCommit.await(5, TimeUnit.SECONDS)).isTrue();

        Throwable answered = first.handle((ok, e) -> e).get(5, TimeUnit.SECONDS).getCause();
        assertThat(answered).isInstanceOf(IntakePublisher.OutcomeUnknown.class)
                .hasMessageContaining("not acknowledged in time");
        CompletableFuture<Void> resolution = ((IntakePublisher.OutcomeUnknown) answered).resolution().orElseThrow();
        assertThat(resolution).isNotDone();

        releaseFirst.countDown();
        resolution.get(5, TimeUnit.SECONDS); // committed after all
        assertThat(committed).containsExactly(List.of("a/1", "a/2"));
    }

    @Test
    void aRequestInterruptedWhileItsTransactionIsInFlightIsToldTheOutcomeIsUnknownNotThatItFailed()
            throws Exception {
        publisher(Duration.ofSeconds(10));
        CompletableFuture<Throwable> answer = new CompletableFuture<>();
        Thread request = new Thread(() -> {
            try {
                publisher.publishAtomically(submission("a"));
                answer.complete(null);
            } catch (RuntimeException e) {
                answer.complete(e);
            }
        });
        request.start();
        assertThat(inFirstCommit.await(5, TimeUnit.SECONDS)).isTrue();
        request.interrupt(); // e.g. the server shutting down its request threads

        Throwable answered = answer.get(5, TimeUnit.SECONDS);
        assertThat(answered).isInstanceOf(IntakePublisher.OutcomeUnknown.class);
        releaseFirst.countDown();
        ((IntakePublisher.OutcomeUnknown) answered).resolution().orElseThrow().get(5, TimeUnit.SECONDS);
        assertThat(committed).containsExactly(List.of("a/1", "a/2"));
    }

    @Test
    void aCommitThatTimesOutIsAskedAgainUntilItIsConfirmedSoEverySubmissionGetsItsAnswer() throws Exception {
        timeoutsLeft.set(2);
        List<CompletableFuture<Void>> all = oneAloneThenThreeTogether();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(committed).hasSize(2);
        assertThat(timeoutsLeft).hasValue(0);
    }

    @Test
    void whenTheCommitFailsEverySubmissionInTheBatchKnowsItWasNotCommitted() throws Exception {
        failCommitWith = new KafkaException("transaction aborted");
        for (CompletableFuture<Void> submission : oneAloneThenThreeTogether()) {
            assertThatThrownBy(() -> submission.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(KafkaException.class).isNotInstanceOf(IntakePublisher.OutcomeUnknown.class)
                    .hasRootCauseMessage("transaction aborted");
        }
        assertThat(committed).isEmpty();
    }

    @Test
    void whenATransactionCannotBeginNothingIsSentAndEverySubmissionKnowsIt() throws Exception {
        publisher(Duration.ofSeconds(10));
        failBeginWith = new KafkaException("broker gone");

        assertThatThrownBy(() -> publisher.publishAtomically(submission("a"))).isInstanceOf(KafkaException.class)
                .isNotInstanceOf(IntakePublisher.OutcomeUnknown.class).hasRootCauseMessage("broker gone");
        assertThat(committed).isEmpty();
    }
}
