package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

class DeadLetterContainerCustomizerTest {

    @SuppressWarnings("unchecked")
    private static boolean syncCommitsAfterCustomizing(boolean asyncCommits) {
        ObjectProvider<ProducerFactory<byte[], byte[]>> producers = mock(ObjectProvider.class);
        when(producers.getObject()).thenReturn(mock(ProducerFactory.class));
        DeadLetterContainerCustomizer customizer = new DeadLetterContainerCustomizer(producers,
                new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(TransactionalBatch.class),
                asyncCommits);
        var container = new KafkaMessageListenerContainer<>(mock(ConsumerFactory.class), new ContainerProperties("t"));
        customizer.configure(container, "t", "g", null, null);
        return container.getContainerProperties().isSyncCommits();
    }

    @Test
    void anAtLeastOnceConsumerCommitsItsOffsetsWithoutWaitingForTheBroker() {
        assertThat(syncCommitsAfterCustomizing(true)).isFalse();
    }

    @Test
    void synchronousCommitsCanBeRestoredForABeforeAndAfterMeasurement() {
        assertThat(syncCommitsAfterCustomizing(false)).isTrue();
    }
}
