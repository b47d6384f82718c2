package com.therapyplatform.benchmarks.pipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: send number i is due at {@code start + i * period}, whatever happened to the
 * sends before it. Latency is measured from the due time, so a stall of the system under test shows
 * up in every send it delayed instead of slowing the generator down (coordinated omission).
 */
public final class OpenLoop {

    private final long startNanos;
    private final double periodNanos;
    private final long count;

    public OpenLoop(long startNanos, double ratePerSecond, double seconds) {
        if (ratePerSecond <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and duration must be positive");
        }
        this.startNanos = startNanos;
        this.periodNanos = 1_000_000_000.0 / ratePerSecond;
        this.count = (long) Math.floor(ratePerSecond * seconds);
    }

    public long count() {
        return count;
    }

    /** Due time of send {@code i} on the {@link Clock} time line. */
    public long dueNanos(long i) {
        return startNanos + Math.round(i * periodNanos);
    }

    /** The number of sends due at or before {@code nowNanos}. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return Math.min(count, (long) Math.floor((nowNanos - startNanos) / periodNanos) + 1);
    }

    /** Calls {@code send} for every send at (never before) its due time; returns when all are issued. */
    public void run(Send send) throws InterruptedException {
        for (long i = 0; i < count; i++) {
            long due = dueNanos(i);
            long wait;
            while ((wait = due - Clock.nanos()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            send.send(i, due);
        }
    }

    @FunctionalInterface
    public interface Send {
        void send(long index, long dueNanos);
    }
}
