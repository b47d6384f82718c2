package com.therapyplatform.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Ready only while every Kafka Streams application of the service is RUNNING: a service whose
 * streams are still joining their group, rebalancing, or dead (ERROR) would take traffic it cannot
 * process. A service without Kafka Streams is always ready as far as this indicator goes.
 *
 * <p>It learns each application's {@link KafkaStreams} from the factory's listener ({@link StartedStreams})
 * instead of asking the factory, whose lifecycle lock made a probe wait 11-17 s while matching started.
 */
public class KafkaStreamsReadiness implements HealthIndicator, SmartInitializingSingleton {

    private final ObjectProvider<StreamsBuilderFactoryBean> applications;
    private final Map<StreamsBuilderFactoryBean, StartedStreams> started = new ConcurrentHashMap<>();

    public KafkaStreamsReadiness(ObjectProvider<StreamsBuilderFactoryBean> applications) {
        this.applications = applications;
    }

    /** Before the factories start (they are lifecycle beans): from then on each reports its streams here. */
    @Override
    public void afterSingletonsInstantiated() {
        applications.orderedStream().forEach(application -> started.put(application, StartedStreams.of(application)));
    }

    @Override
    public Health health() {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (StreamsBuilderFactoryBean application : applications.orderedStream().toList()) {
            StartedStreams of = started.get(application);
            KafkaStreams streams = of == null ? null : of.current();
            KafkaStreams.State state = streams == null ? null : streams.state();
            allRunning &= state == KafkaStreams.State.RUNNING;
            Object id = application.getStreamsConfiguration() == null ? null
                    : application.getStreamsConfiguration().get(StreamsConfig.APPLICATION_ID_CONFIG);
            states.put(String.valueOf(id), state == null ? "NOT_STARTED" : state.name());
        }
        return (allRunning ? Health.up() : Health.outOfService()).withDetails(states).build();
    }
}
