package com.therapyplatform.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Ready only while every Kafka Streams application of the service is RUNNING: a service whose
 * streams are still joining their group, rebalancing, or dead (ERROR) would take traffic it cannot
 * process. A service without Kafka Streams is always ready as far as this indicator goes.
 */
public class KafkaStreamsReadiness implements HealthIndicator {

    private final ObjectProvider<StreamsBuilderFactoryBean> applications;

    public KafkaStreamsReadiness(ObjectProvider<StreamsBuilderFactoryBean> applications) {
        this.applications = applications;
    }

    @Override
    public Health health() {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (StreamsBuilderFactoryBean application : applications.orderedStream().toList()) {
            KafkaStreams streams = application.getKafkaStreams();
            String state = streams == null ? "NOT_STARTED" : streams.state().name();
            allRunning &= streams != null && streams.state() == KafkaStreams.State.RUNNING;
            Object id = application.getStreamsConfiguration() == null ? null
                    : application.getStreamsConfiguration().get(StreamsConfig.APPLICATION_ID_CONFIG);
            states.put(String.valueOf(id), state);
        }
        return (allRunning ? Health.up() : Health.outOfService()).withDetails(states).build();
    }
}
