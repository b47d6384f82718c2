package com.therapyplatform.notification.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender threads for a lane whose messages are rare and urgent (crisis resources): all of them started at
 * once, each warming itself up ({@code warm}: its mail connection opened) before the first message, and
 * again after each {@code every} without a message, so the first crisis after a quiet hour does not wait
 * for a new thread and a new SMTP connection. A fixed thread pool starts a thread per task until it is
 * full, and a connection idle past {@code MailChannel.MAX_IDLE} is opened anew, so with crisis intakes
 * minutes apart each of them found both cold (docs/benchmarks/tuning.md, change 15).
 *
 * <p>Tasks are taken in order by whichever thread is free. {@link #close()} lets the queued ones finish.
 */
final class WarmSenders implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarmSenders.class);

    /** Queued once per thread by {@link #close}, behind the tasks: the thread that takes it ends. */
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Runnable warm;
    private final long everyNanos;
    private volatile boolean closed;

    WarmSenders(String namePrefix, int count, Duration every, Runnable warm) {
        if (count < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("at least one sender, warmed at a positive interval");
        }
        this.warm = warm;
        this.everyNanos = every.toNanos();
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::run, namePrefix + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Under the same lock as {@link #close}: a task accepted is always ahead of the STOPs. */
    @Override
    public synchronized void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("senders closed");
        }
        tasks.add(task);
    }

    private void run() {
        warmQuietly();
        while (true) {
            Runnable task;
            try {
                task = tasks.poll(everyNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task == STOP) {
                return;
            }
            if (task != null) {
                runQuietly(task);
            } else if (!closed) {
                warmQuietly();
            }
        }
    }

    private void warmQuietly() {
        try {
            warm.run();
        } catch (RuntimeException e) {
            // the next message connects as it would have anyway; the class only (messages can quote addresses)
            log.debug("warming a sender failed: {}", e.getClass().getSimpleName());
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // tasks report their own outcome (ParallelBatch); one that throws must not end the thread
            log.warn("sender task failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Lets the queued tasks finish, within {@code wait}; new ones are refused. */
    void close(Duration wait) throws InterruptedException {
        synchronized (this) {
            closed = true;
            // one STOP per thread, behind the queued tasks, ends the idle ones: no interrupt, which would also
            // reach a thread in the middle of a send (and cut short its wait for its audit event's acknowledgement)
            threads.forEach(thread -> tasks.add(STOP));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }
}
