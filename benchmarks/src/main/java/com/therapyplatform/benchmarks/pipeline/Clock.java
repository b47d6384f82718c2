package com.therapyplatform.benchmarks.pipeline;

import java.time.Instant;

/**
 * One time line for the whole run: epoch nanoseconds derived from {@link System#nanoTime()}, so that
 * due times, arrival times and the services' {@code occurredAt} (wall clock of the same machine) can be
 * subtracted from one another.
 */
public final class Clock {

    private static final long BASE_EPOCH_NANOS;
    private static final long BASE_NANO_TIME;

    static {
        Instant now = Instant.now();
        BASE_NANO_TIME = System.nanoTime();
        BASE_EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Clock() {
    }

    public static long nanos() {
        return BASE_EPOCH_NANOS + (System.nanoTime() - BASE_NANO_TIME);
    }

    public static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
