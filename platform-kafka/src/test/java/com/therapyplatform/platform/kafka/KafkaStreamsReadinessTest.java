package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsReadinessTest {

    private static KafkaStreamsReadiness readinessOf(StreamsBuilderFactoryBean... applications) {
        StaticApplicationContext context = new StaticApplicationContext();
        for (int i = 0; i < applications.length; i++) {
            context.getBeanFactory().registerSingleton("streams" + i, applications[i]);
        }
        KafkaStreamsReadiness readiness = new KafkaStreamsReadiness(
                context.getBeanProvider(StreamsBuilderFactoryBean.class));
        readiness.afterSingletonsInstantiated();
        return readiness;
    }

    private static StreamsBuilderFactoryBean application(String id) {
        return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                "application.id", id, "bootstrap.servers", "localhost:1")));
    }

    /** What the factory tells its listeners when it created (started) or closed its streams. */
    private static void announce(StreamsBuilderFactoryBean application, KafkaStreams streams, boolean added) {
        application.getListeners().forEach(listener -> {
            if (added) {
                listener.streamsAdded("streams", streams);
            } else {
                listener.streamsRemoved("streams", streams);
            }
        });
    }

    private static KafkaStreams streamsIn(KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        return streams;
    }

    @Test
    void aServiceWithoutKafkaStreamsIsReady() {
        assertThat(readinessOf().health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStreamsApplicationThatIsNotRunningTakesTheServiceOutOfService() {
        var notStarted = application("orders");

        var health = readinessOf(notStarted).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("orders", "NOT_STARTED");
    }

    @Test
    void readyOnlyWhileEveryApplicationIsRunningAndNotOnceItsStreamsAreClosed() {
        var routine = application("routine");
        var urgent = application("urgent");
        var readiness = readinessOf(routine, urgent);
        KafkaStreams routineStreams = streamsIn(KafkaStreams.State.RUNNING);

        announce(routine, routineStreams, true);
        announce(urgent, streamsIn(KafkaStreams.State.REBALANCING), true);
        Health oneRebalancing = readiness.health();
        announce(urgent, streamsIn(KafkaStreams.State.RUNNING), true);
        Health bothRunning = readiness.health();
        announce(routine, routineStreams, false);
        Health oneClosed = readiness.health();

        assertThat(oneRebalancing.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(oneRebalancing.getDetails()).containsEntry("routine", "RUNNING")
                .containsEntry("urgent", "REBALANCING");
        assertThat(bothRunning.getStatus()).isEqualTo(Status.UP);
        assertThat(oneClosed.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(oneClosed.getDetails()).containsEntry("routine", "NOT_STARTED");
    }

    @Test
    void answersAtOnceWhileAnApplicationIsStartingOrStopping() throws Exception {
        var starting = application("matching-service-routine");
        var readiness = readinessOf(starting);
        // start() and stop() hold the factory's lifecycle lock for as long as they take (global stores loading)
        try (LifecycleLockHeld held = new LifecycleLockHeld(starting)) {
            Health health = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readiness.health());

            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        }
    }
}
