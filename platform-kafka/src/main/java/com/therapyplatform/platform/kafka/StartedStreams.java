package com.therapyplatform.platform.kafka;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The {@link KafkaStreams} a factory started, as its listener hears of them, for reads on hot paths (state
 * store lookups, health probes). {@link StreamsBuilderFactoryBean#getKafkaStreams()} takes the factory's
 * lifecycle lock, which {@code start()} holds until the global stores are loaded and {@code stop()} until the
 * streams are closed: a probe asking it waited 11-17 s while matching started (fault suite, session 8), and
 * every store lookup took that lock.
 *
 * <p>Listen before the factory starts (from a bean's constructor, or {@code afterSingletonsInstantiated}):
 * streams started earlier are not reported.
 */
public final class StartedStreams implements StreamsBuilderFactoryBean.Listener {

    private volatile KafkaStreams streams;

    private StartedStreams() {
    }

    public static StartedStreams of(StreamsBuilderFactoryBean factory) {
        StartedStreams started = new StartedStreams();
        factory.addListener(started);
        return started;
    }

    /** The streams, or null before they were started and after they were closed. */
    public KafkaStreams current() {
        return streams;
    }

    /** The streams if they are RUNNING, else null. */
    public KafkaStreams running() {
        KafkaStreams current = streams;
        return current != null && current.state() == KafkaStreams.State.RUNNING ? current : null;
    }

    @Override
    public synchronized void streamsAdded(String id, KafkaStreams added) {
        streams = added;
    }

    @Override
    public synchronized void streamsRemoved(String id, KafkaStreams removed) {
        if (streams == removed) {
            streams = null;
        }
    }
}
