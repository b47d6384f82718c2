package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmSendersTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void everySenderWarmsUpBeforeTheFirstTaskArrives() throws Exception {
        Set<String> warmed = ConcurrentHashMap.newKeySet();
        try (WarmSenders senders = new WarmSenders("warm-", 4, Duration.ofMinutes(1),
                () -> warmed.add(Thread.currentThread().getName()))) {
            await().atMost(WAIT).until(() -> warmed.size() == 4);
            assertThat(warmed).containsExactlyInAnyOrder("warm-1", "warm-2", "warm-3", "warm-4");
        }
    }

    @Test
    void anIdleSenderWarmsUpAgainAfterTheInterval() throws Exception {
        AtomicInteger warmings = new AtomicInteger();
        try (WarmSenders senders = new WarmSenders("warm-", 1, Duration.ofMillis(50), warmings::incrementAndGet)) {
            await().atMost(WAIT).until(() -> warmings.get() >= 3);
        }
    }

    @Test
    void aSenderBusyWithTasksDoesNotWarmUpBetweenThem() throws Exception {
        AtomicInteger warmings = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        try (WarmSenders senders = new WarmSenders("warm-", 1, Duration.ofMinutes(1), warmings::incrementAndGet)) {
            for (int i = 0; i < 20; i++) {
                senders.execute(done::countDown);
            }
            assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
        assertThat(warmings).hasValue(1); // once, at the start
    }

    @Test
    void aFailedWarmUpNeitherEndsTheSenderNorHoldsUpItsTasks() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (WarmSenders senders = new WarmSenders("warm-", 1, Duration.ofMillis(20), () -> {
            throw new IllegalStateException("mail server down");
        })) {
            senders.execute(ran::countDown);
            assertThat(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void closingLetsQueuedTasksFinishAndRefusesNewOnes() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        WarmSenders senders = new WarmSenders("warm-", 2, Duration.ofMinutes(1), () -> { });
        for (int i = 0; i < 6; i++) {
            senders.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // an interrupted task does not count as finished
                }
                finished.incrementAndGet();
            });
        }
        Thread closing = new Thread(() -> {
            try {
                senders.close(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closing.start();
        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> senders.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class));
        release.countDown();
        closing.join(WAIT.toMillis());

        assertThat(closing.isAlive()).isFalse();
        assertThat(finished).hasValue(6);
    }
}
