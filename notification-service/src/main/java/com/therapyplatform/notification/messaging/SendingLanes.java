package com.therapyplatform.notification.messaging;

import com.therapyplatform.notification.channel.MailChannel;
import com.therapyplatform.platform.kafka.ParallelBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.messaging.Message;

/**
 * The receipt, outcome and crisis lanes send for several intakes at once, each intake's messages in
 * order ({@link ParallelBatch}): a message spends its time waiting on the mail server, the SMS API and its
 * audit event's acknowledgement, so one intake after another per partition was the lanes' ceiling under
 * load (docs/benchmarks/tuning.md, changes 9 and 13). Each lane has its own consumer and its own senders,
 * so a slow mail server holding up receipts does not hold up outcomes, and crisis resources never wait
 * for a routine sender. While crisis resources are being sent, the routine lanes start no new message
 * ({@link CrisisFirst}).
 */
final class SendingLanes implements AutoCloseable {

    static final String RECEIPTS = "receipt-in-0";
    static final String OUTCOMES = "outcome-in-0";
    static final String CRISIS = "crisis-in-0";

    private final ParallelBatch batch;
    private final String receiptGroup;
    private final String outcomeGroup;
    private final String crisisGroup;
    private final ExecutorService receiptSenders;
    private final ExecutorService outcomeSenders;
    private final WarmSenders crisisSenders;
    private final CrisisFirst crisisFirst;

    SendingLanes(ParallelBatch batch, int parallelSends, String receiptGroup, String outcomeGroup,
            String crisisGroup, MailChannel mail, CrisisFirst crisisFirst) {
        if (parallelSends < 1) {
            throw new IllegalArgumentException("notification.parallel-sends must be at least 1");
        }
        this.batch = batch;
        this.receiptGroup = receiptGroup;
        this.outcomeGroup = outcomeGroup;
        this.crisisGroup = crisisGroup;
        this.crisisFirst = crisisFirst;
        this.receiptSenders = Executors.newFixedThreadPool(parallelSends, named("receipt-sender-"));
        this.outcomeSenders = Executors.newFixedThreadPool(parallelSends, named("outcome-sender-"));
        // crisis intakes come minutes apart: their senders keep a mail connection ready (a NOOP well within
        // the connection's idle limit) instead of opening one per message
        this.crisisSenders = new WarmSenders("crisis-sender-", parallelSends, MailChannel.MAX_IDLE.dividedBy(3),
                mail::keepWarm);
    }

    void receipts(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, RECEIPTS, receiptGroup, receiptSenders, afterCrisis(handler));
    }

    void outcomes(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, OUTCOMES, outcomeGroup, outcomeSenders, afterCrisis(handler));
    }

    void crisis(Message<?> polled, Consumer<ConsumerRecord<?, ?>> handler) {
        batch.forEach(polled, CRISIS, crisisGroup, crisisSenders,
                record -> crisisFirst.crisis(() -> handler.accept(record)));
    }

    private Consumer<ConsumerRecord<?, ?>> afterCrisis(Consumer<ConsumerRecord<?, ?>> handler) {
        return record -> {
            crisisFirst.routine();
            handler.accept(record);
        };
    }

    /** After the lanes' consumers stopped (they wait for their poll): nothing is left to send. */
    @Override
    public void close() throws InterruptedException {
        for (ExecutorService senders : List.of(receiptSenders, outcomeSenders)) {
            senders.shutdown();
        }
        crisisSenders.close(Duration.ofSeconds(10));
        for (ExecutorService senders : List.of(receiptSenders, outcomeSenders)) {
            senders.awaitTermination(10, TimeUnit.SECONDS);
        }
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
