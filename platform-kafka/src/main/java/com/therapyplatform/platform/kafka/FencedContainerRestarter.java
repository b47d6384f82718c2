package com.therapyplatform.platform.kafka;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts a transactional consumer again after its producer was fenced, so it resumes from its committed
 * offsets. Why: when the transaction coordinator aborts a transaction that stayed open past
 * {@code transaction.timeout.ms} (a broker failover can hold one open), the next commit finds the producer
 * fenced. spring-kafka then only logs, and its consumer, which still owns the partitions, goes on past the
 * records of the aborted transaction: their outputs were never written. With
 * {@code stopContainerWhenFenced} (set by {@link DeadLetterContainerCustomizer}) the container stops
 * instead, and this starts it again: a fresh producer, and the aborted records are read again.
 */
public class FencedContainerRestarter implements ApplicationListener<ConsumerStoppedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FencedContainerRestarter.class);

    private final Duration delay;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fenced-container-restart");
        thread.setDaemon(true);
        return thread;
    });

    /** @param delay how long to wait before starting again (the stopping consumer finishes first) */
    public FencedContainerRestarter(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void onApplicationEvent(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED) {
            return;
        }
        // the parent of a concurrent container: its other consumers go through the same stop and start
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        log.warn("Consumer {} stopped after its producer was fenced; starting it again from its committed offsets",
                container.getListenerId());
        // not on the stopping consumer's thread: stop() waits for it
        restarts.schedule(() -> restart(container), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void restart(MessageListenerContainer container) {
        try {
            if (container.isRunning()) {
                container.stop();
            }
            container.start();
            log.info("Consumer {} started again after fencing", container.getListenerId());
        } catch (RuntimeException e) {
            log.error("Consumer {} could not be started again after fencing: {}", container.getListenerId(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        restarts.shutdownNow();
    }
}
