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

    /** The properties that point Boot's Kafka support and the Spring Cloud Stream binder at a broker. */
    public static Map<String, Object> brokerProperties(String bootstrapServers) {
        return Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.cloud.stream.kafka.binder.brokers", bootstrapServers);
    }
}
