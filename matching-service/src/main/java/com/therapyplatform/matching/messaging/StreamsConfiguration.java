package com.therapyplatform.matching.messaging;

import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.StreamsTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * Two Kafka Streams applications, exactly_once_v2, with RocksDB stores changelogged to Kafka: the
 * routine lane (desk and capacity ledger) and the urgent lane, each with its own threads and consumer
 * group, so a routine backlog never delays on-call cover.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    @Bean
    Matcher matcher() {
        return new Matcher();
    }

    @Bean
    StreamsBuilderFactoryBean routineStreams(KafkaProperties kafka, Matcher matcher, FlowMetrics metrics,
            StreamsTracing tracing,
            @Value("${matching.streams.application-id}") String applicationId,
            @Value("${matching.streams.state-dir}") String stateDir,
            @Value("${platform.kafka.topics.replication-factor:1}") int replicationFactor,
            @Value("${matching.ledger.refill-interval:1s}") Duration refillInterval,
            @Value("${matching.ledger.refill-max-interval:30s}") Duration refillMaxInterval) {
        return streams(streamsProperties(kafka, applicationId + "-routine", stateDir + "/routine", replicationFactor),
                topology -> MatchingTopologies.routine(topology, matcher, refillInterval, refillMaxInterval, metrics,
                        tracing),
                metrics.registry());
    }

    @Bean
    StreamsBuilderFactoryBean urgentStreams(KafkaProperties kafka, Matcher matcher, FlowMetrics metrics,
            StreamsTracing tracing,
            @Value("${matching.streams.application-id}") String applicationId,
            @Value("${matching.streams.state-dir}") String stateDir,
            @Value("${platform.kafka.topics.replication-factor:1}") int replicationFactor,
            @Value("${matching.urgent.recheck-interval:1s}") Duration recheckInterval) {
        ConcurrentMap<String, Integer> pendingByTask = new ConcurrentHashMap<>();
        Gauge.builder(UrgentProcessor.PENDING, pendingByTask, UrgentProcessor::total)
                .description("Urgent intakes on this instance still waiting for on-call cover")
                .register(metrics.registry());
        return streams(streamsProperties(kafka, applicationId + "-urgent", stateDir + "/urgent", replicationFactor),
                topology -> MatchingTopologies.urgent(topology, matcher, recheckInterval, metrics, pendingByTask,
                        tracing),
                metrics.registry());
    }

    @Bean
    MatchingStreams matchingStreams(@Qualifier("&routineStreams") StreamsBuilderFactoryBean routineStreams,
            @Qualifier("&urgentStreams") StreamsBuilderFactoryBean urgentStreams) {
        return new MatchingStreams(routineStreams, urgentStreams);
    }

    @Bean
    RosterWriter rosterWriter(KafkaProperties kafka, @Value("${matching.streams.application-id}") String applicationId,
            @Value("${INSTANCE_ID:${random.uuid}}") String instanceId) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(producer);
        factory.setTransactionIdPrefix(applicationId + "-roster-" + instanceId + "-");
        return new RosterWriter(new KafkaTemplate<>(factory));
    }

    private static Map<String, Object> streamsProperties(KafkaProperties kafka, String applicationId, String stateDir,
            int replicationFactor) {
        Map<String, Object> properties = new HashMap<>(kafka.buildStreamsProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        properties.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        // global stores must not see what an aborted transaction wrote, like every other reader
        properties.put(StreamsConfig.GLOBAL_CONSUMER_PREFIX + "isolation.level", "read_committed");
        return properties;
    }

    private static StreamsBuilderFactoryBean streams(Map<String, Object> properties, Consumer<Topology> topology,
            MeterRegistry meters) {
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(properties));
        // Kafka Streams client metrics (consumer lag, process rates), as Boot adds them to its own factory
        factory.addListener(new KafkaStreamsMicrometerListener(meters));
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureTopology(Topology t) {
                topology.accept(t);
            }
        });
        // a failed thread is replaced: with exactly-once it resumes from the last commit
        factory.setStreamsUncaughtExceptionHandler(
                failure -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        return factory;
    }
}
