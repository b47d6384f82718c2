package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class StartedStreamsTest {

    private final StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(
            Map.of("application.id", "notification-service-tables", "bootstrap.servers", "localhost:1")));

    private static KafkaStreams streamsIn(KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        return streams;
    }

    @Test
    void theStreamsAreKnownFromTheirStartUntilTheyAreClosedAndRunningOnlyInThatState() {
        StartedStreams started = StartedStreams.of(factory);
        KafkaStreams streams = streamsIn(KafkaStreams.State.REBALANCING);

        assertThat(started.current()).isNull();
        factory.getListeners().forEach(listener -> listener.streamsAdded("id", streams));
        assertThat(started.current()).isSameAs(streams);
        assertThat(started.running()).isNull();

        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        assertThat(started.running()).isSameAs(streams);

        factory.getListeners().forEach(listener -> listener.streamsRemoved("id", streams));
        assertThat(started.current()).isNull();
        assertThat(started.running()).isNull();
    }

    @Test
    void theRemovalOfEarlierStreamsDoesNotForgetTheirSuccessor() {
        StartedStreams started = StartedStreams.of(factory);
        KafkaStreams first = streamsIn(KafkaStreams.State.RUNNING);
        KafkaStreams second = streamsIn(KafkaStreams.State.RUNNING);

        factory.getListeners().forEach(listener -> listener.streamsAdded("id", first));
        factory.getListeners().forEach(listener -> listener.streamsAdded("id", second));
        factory.getListeners().forEach(listener -> listener.streamsRemoved("id", first));

        assertThat(started.current()).isSameAs(second);
    }

    @Test
    void answersAtOnceWhileTheFactoryIsStartingOrStopping() throws Exception {
        StartedStreams started = StartedStreams.of(factory);
        try (LifecycleLockHeld held = new LifecycleLockHeld(factory)) {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), started::running)).isNull();
        }
    }
}
