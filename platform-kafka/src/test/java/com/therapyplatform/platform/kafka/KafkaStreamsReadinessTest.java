package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
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
        return new KafkaStreamsReadiness(context.getBeanProvider(StreamsBuilderFactoryBean.class));
    }

    @Test
    void aServiceWithoutKafkaStreamsIsReady() {
        assertThat(readinessOf().health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStreamsApplicationThatIsNotRunningTakesTheServiceOutOfService() {
        var notStarted = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                "application.id", "orders", "bootstrap.servers", "localhost:1")));

        var health = readinessOf(notStarted).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("orders", "NOT_STARTED");
    }
}
