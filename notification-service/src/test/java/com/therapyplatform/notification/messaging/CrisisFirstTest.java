package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Routine messages give way to crisis resources being sent, for a bounded time, and never for nothing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrisisFirstTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final CountDownLatch crisisSent = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void release() {
        crisisSent.countDown();
    }

    @Test
    void aRoutineMessageStartsAtOnceWhenNoCrisisIsBeingSent() {
        CrisisFirst gate = new CrisisFirst(LONG, meters);
        gate.crisis(() -> { });

        gate.routine(); // with an hour to wait, it would time the test out

        assertThat(gate.crisisInFlight()).isFalse();
        assertThat(held().count()).as("a message that did not wait is not counted as held").isZero();
    }

    @Test
    void aRoutineMessageWaitsWhileCrisisResourcesAreBeingSentAndStartsWhenTheyAreSent() throws Exception {
        CrisisFirst gate = new CrisisFirst(LONG, meters);
        Thread crisis = start(() -> gate.crisis(this::awaitSent));
        await().until(gate::crisisInFlight);
        AtomicBoolean routineStarted = new AtomicBoolean();
        Thread routine = start(() -> {
            gate.routine();
            routineStarted.set(true);
        });

        await().until(() -> routine.getState() == Thread.State.TIMED_WAITING);
        assertThat(routineStarted).isFalse();

        crisisSent.countDown();
        await().untilTrue(routineStarted);
        crisis.join();
        assertThat(held().count()).isEqualTo(1);
        assertThat(held().totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aRoutineMessageWaitsNoLongerThanTheBoundForACrisisThatTakesLonger() throws Exception {
        CrisisFirst gate = new CrisisFirst(Duration.ofMillis(50), meters);
        Thread crisis = start(() -> gate.crisis(this::awaitSent));
        await().until(gate::crisisInFlight);

        gate.routine();

        assertThat(gate.crisisInFlight()).as("still sending, yet the routine message went on").isTrue();
        crisisSent.countDown();
        crisis.join();
    }

    @Test
    void aCrisisSendThatFailsStillLetsRoutineMessagesGoOn() {
        CrisisFirst gate = new CrisisFirst(LONG, meters);

        assertThatThrownBy(() -> gate.crisis(() -> {
            throw new IllegalStateException("mail server down");
        })).hasMessage("mail server down");

        assertThat(gate.crisisInFlight()).isFalse();
        gate.routine();
    }

    @Test
    void routineMessagesWaitForEveryCrisisInFlightNotJustTheFirstToEnd() throws Exception {
        CrisisFirst gate = new CrisisFirst(LONG, meters);
        CountDownLatch firstSent = new CountDownLatch(1);
        Thread first = start(() -> gate.crisis(() -> block(firstSent)));
        Thread second = start(() -> gate.crisis(this::awaitSent));
        AtomicBoolean routineStarted = new AtomicBoolean();
        await().until(() -> first.getState() == Thread.State.WAITING && second.getState() == Thread.State.WAITING);
        Thread routine = start(() -> {
            gate.routine();
            routineStarted.set(true);
        });

        firstSent.countDown();
        first.join();
        await().until(() -> routine.getState() == Thread.State.TIMED_WAITING);
        assertThat(routineStarted).isFalse();

        crisisSent.countDown();
        await().untilTrue(routineStarted);
        second.join();
    }

    private Timer held() {
        return meters.get(CrisisFirst.HELD).timer();
    }

    private void awaitSent() {
        block(crisisSent);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
