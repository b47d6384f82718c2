package com.therapyplatform.notification.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Routine messages give way while crisis resources are being sent: a routine sender about to start its
 * next message waits until no crisis message is in flight, for at most {@code maxWait}. A routine message
 * already started is not interrupted, and no routine message is skipped or reordered; each waits at most
 * once. Why: behind a routine backlog on two cores, the crisis lane's sender shared the CPU with the sixteen
 * routine senders of the same JVM, and the slow crisis notifications of the benchmark spent their time there
 * (docs/benchmarks/tuning.md, change 24). How long routine messages were held is a timer, so ops can see
 * what the gate costs (docs/operations.md).
 */
final class CrisisFirst {

    static final String HELD = "therapy.notification.routine.held";

    private final long maxWaitNanos;
    private final Timer held;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition clear = lock.newCondition();
    private int inFlight;

    CrisisFirst(Duration maxWait, MeterRegistry meters) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("notification.crisis-first-wait must not be negative");
        }
        this.maxWaitNanos = maxWait.toNanos();
        this.held = Timer.builder(HELD)
                .description("Time a routine message waited for crisis resources being sent before it started")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Sends crisis resources; routine senders hold back until it returns. */
    void crisis(Runnable send) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            send.run();
        } finally {
            lock.lock();
            try {
                if (--inFlight == 0) {
                    clear.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Before a routine message: returns at once unless crisis resources are being sent. */
    void routine() {
        long started;
        lock.lock();
        try {
            if (inFlight == 0 || maxWaitNanos == 0) {
                return;
            }
            started = System.nanoTime();
            long remaining = maxWaitNanos;
            while (inFlight > 0 && remaining > 0) {
                remaining = clear.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the message goes on, as it would have
            return;
        } finally {
            lock.unlock();
        }
        held.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    boolean crisisInFlight() {
        lock.lock();
        try {
            return inFlight > 0;
        } finally {
            lock.unlock();
        }
    }
}
