package com.therapyplatform.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** The one place where tests are wired to the broker, for every class marked {@link WithKafkaBroker}. */
public class KafkaBrokerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithKafkaBroker.class)) {
            return null;
        }
        return new KafkaBrokerContextCustomizer();
    }

    /** Stateless, so equal to every other instance: contexts stay cacheable across test classes. */
    static final class KafkaBrokerContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("kafkaTestBroker", brokerProperties(KafkaTestBroker.bootstrapServers())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KafkaBrokerContextCustomizer;
        }

        @Override
        public int hashCode() {
            return KafkaBrokerContextCustomizer.class.hashCode();
        }
    }

    /**
     * The properties that point Boot's Kafka support and the Spring Cloud Stream binder at a broker.
     *
     * <p>Kafka Streams members do not leave their group when they close, so an instance a test closed
     * stays in the group until its session times out (Kafka Streams' default, 45 s) and holds up the
     * rebalance of the next instance to join it in the same JVM: about 35 s of waiting per restart or
     * test class. Tests time sessions out after 6 s instead.
     */
    public static Map<String, Object> brokerProperties(String bootstrapServers) {
        return Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.cloud.stream.kafka.binder.brokers", bootstrapServers,
                "spring.kafka.streams.properties.session.timeout.ms", "6000",
                "spring.kafka.streams.properties.heartbeat.interval.ms", "1500");
    }
}
