package com.therapyplatform.notification.messaging;

import com.therapyplatform.platform.kafka.ParallelBatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.messaging.Message;

/**
 * The receipt and outcome lanes send for several intakes at once, each intake's messages in order
 * ({@link ParallelBatch}): a message spends its time waiting on the mail server, the SMS API and its audit
 * event's acknowledgement, so one intake after another per partition was the lanes' ceiling under load
 * (docs/benchmarks/tuning.md, change 9). Each lane has its own senders, so a slow mail server holding
 * up receipts does not hold up outcomes; the crisis and page lanes keep their own consumers and never
 * wait for these.
 */
final class RoutineLanes implements AutoCloseable {

    static final String RECEIPTS = "receipt-in-0";
    static final String OUTCOMES = "outcome-in-0";

    private final ParallelBatch batch;
    private final String receiptGroup;
    private final String outcomeGroup;
    private final ExecutorService receiptSenders;
    private final ExecutorService outcomeSenders;

    RoutineLanes(ParallelBatch batch, int parallelSends, String receiptGroup, String outcomeGroup) {
        if (parallelSends < 1) {
            throw new IllegalArgumentException("notification.parallel-sends must be at least 1");
        }
        this.batch = batch;
        this.receiptGroup = receiptGroup;
        this.outcomeGroup = outcomeGroup;
        this.receiptSenders = Executors.newFixedThreadPool(parallelSends, named("receipt-sender-"));
        this.outcomeSenders = Executors.newFixedThreadPool(parallelSends, named("outcome-sender-"));
    }

    void receipts(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, RECEIPTS, receiptGroup, receiptSenders, handler);
    }

    void outcomes(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, OUTCOMES, outcomeGroup, outcomeSenders, handler);
    }

    /** After the lanes' consumers stopped (they wait for their poll): nothing is left to send. */
    @Override
    public void close() throws InterruptedException {
        receiptSenders.shutdown();
        outcomeSenders.shutdown();
        receiptSenders.awaitTermination(10, TimeUnit.SECONDS);
        outcomeSenders.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
