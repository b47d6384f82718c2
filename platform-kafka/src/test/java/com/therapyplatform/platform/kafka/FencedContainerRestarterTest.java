package com.therapyplatform.platform.kafka;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

class FencedContainerRestarterTest {

    private final FencedContainerRestarter restarter = new FencedContainerRestarter(Duration.ofMillis(10));
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);

    @AfterEach
    void stop() {
        restarter.destroy();
    }

    private ConsumerStoppedEvent stopped(ConsumerStoppedEvent.Reason reason) {
        return new ConsumerStoppedEvent(new Object(), container, reason);
    }

    @Test
    void aConsumerStoppedBecauseItsProducerWasFencedIsStartedAgain() {
        when(container.isRunning()).thenReturn(true);

        restarter.onApplicationEvent(stopped(ConsumerStoppedEvent.Reason.FENCED));

        InOrder order = inOrder(container);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(container).start());
        order.verify(container).stop();
        order.verify(container).start();
    }

    @Test
    void aConsumerStoppedForAnyOtherReasonIsLeftStopped() throws Exception {
        for (ConsumerStoppedEvent.Reason reason : ConsumerStoppedEvent.Reason.values()) {
            if (reason != ConsumerStoppedEvent.Reason.FENCED) {
                restarter.onApplicationEvent(stopped(reason));
            }
        }
        // a fenced one after them, as a marker: once it has been started, the others would have been too
        MessageListenerContainer fenced = mock(MessageListenerContainer.class);
        restarter.onApplicationEvent(new ConsumerStoppedEvent(new Object(), fenced, ConsumerStoppedEvent.Reason.FENCED));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(fenced).start());

        verify(container, never()).start();
        verify(container, never()).stop();
    }
}
