package com.therapyplatform.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;

/** Kafka plumbing every service shares. */
@AutoConfiguration
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class PlatformKafkaAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(TopicProvisioning.provisioned(properties).stream()
                .map(name -> TopicProvisioning.newTopic(name, properties))
                .toArray(NewTopic[]::new));
    }

    /** The dead-letter topics this service provisions are the ones it consumes for. */
    @Bean
    @ConditionalOnAvailableEndpoint(DeadLetterEndpoint.class)
    DeadLetterEndpoint deadLetterEndpoint(PlatformKafkaProperties properties, KafkaProperties kafka) {
        return new DeadLetterEndpoint(new DeadLetterDesk(properties.getProvision(), kafka.buildConsumerProperties(),
                kafka.buildProducerProperties(), Clock.systemUTC()));
    }

    @Bean
    @ConditionalOnClass(StreamBridge.class)
    DeadLetterContainerCustomizer deadLetterContainerCustomizer(
            ObjectProvider<ProducerFactory<byte[], byte[]>> producerFactory, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<TransactionalBatch> batches, ObjectProvider<ParallelBatch> parallelBatches,
            @Value("${platform.kafka.consumer.async-commits:true}") boolean asyncCommits) {
        return new DeadLetterContainerCustomizer(producerFactory, meters.getIfAvailable(() -> Metrics.globalRegistry),
                batches, parallelBatches, asyncCommits);
    }

    @Bean
    @ConditionalOnClass(StreamBridge.class)
    TransactionalBatch transactionalBatch(ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<MeterRegistry> meters) {
        return new TransactionalBatch(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Starts a transactional consumer again after its producer was fenced (see the class). */
    @Bean
    @ConditionalOnClass(StreamBridge.class)
    FencedContainerRestarter fencedContainerRestarter() {
        return new FencedContainerRestarter(Duration.ofSeconds(1));
    }

    @Bean
    @ConditionalOnClass(StreamBridge.class)
    ParallelBatch parallelBatch(ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters) {
        return new ParallelBatch(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Named in a batch binding's {@code converter-bean-name}: see {@link TransactionalBatch#RECORDS_CONVERTER}. */
    @Bean(TransactionalBatch.RECORDS_CONVERTER)
    @ConditionalOnClass(StreamBridge.class)
    BatchMessagingMessageConverter platformBatchRecordsConverter() {
        return TransactionalBatch.recordsConverter();
    }

    @Bean
    FlowMetrics flowMetrics(ObjectProvider<MeterRegistry> meters) {
        return new FlowMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Named {@code kafkaBroker} in the health endpoint; part of every service's readiness group. */
    @Bean
    KafkaBrokerHealth kafkaBrokerHealthIndicator(KafkaAdmin admin,
            @Value("${platform.kafka.health.timeout:2s}") Duration timeout) {
        return new KafkaBrokerHealth(admin.getConfigurationProperties(), timeout);
    }

    /** Lets Kafka Streams stages continue the trace of the record they process (logs included). */
    @Bean
    StreamsTracing streamsTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new StreamsTracing(tracer, propagator);
    }

    /** Static so that it post-processes the Kafka Streams factory beans however early they are created. */
    @Bean
    static StaticMembership kafkaStreamsStaticMembership(Environment environment) {
        return new StaticMembership(environment);
    }

    /** Named {@code kafkaStreams} in the health endpoint; part of every service's readiness group. */
    @Bean
    KafkaStreamsReadiness kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> applications) {
        return new KafkaStreamsReadiness(applications);
    }

    @Bean
    @ConditionalOnClass(StreamBridge.class)
    @ConditionalOnMissingBean(EventPublisher.class)
    EventPublisher eventPublisher(StreamBridge streamBridge) {
        return new BinderEventPublisher(streamBridge);
    }
}
