package com.therapyplatform.intake.messaging;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.intake.idempotency.AcceptedSubmission;
import com.therapyplatform.platform.kafka.StartedStreams;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Submissions by idempotency key: a global table over {@code intake.idempotency-keys.v1} in the status
 * read model's Kafka Streams application. Global: every instance holds every key (they are small), so
 * a retry that lands on another instance finds the original once that instance has read it. Its
 * source topic is its changelog: after a restart it is restored from the topic before the
 * application runs. Read committed (exactly_once_v2), so a key is only seen with its committed intake.
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyStreams {

    static final String STORE = "intake-idempotency-keys";

    @Bean
    GlobalKTable<String, byte[]> idempotencyKeys(StreamsBuilder builder) {
        return builder.globalTable(Topics.INTAKE_IDEMPOTENCY_KEYS, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    }

    @Bean
    AcceptedSubmissions acceptedSubmissions(StreamsBuilderFactoryBean streams) {
        StartedStreams started = StartedStreams.of(streams); // not the factory's lifecycle lock, per request
        return recordKey -> {
            KafkaStreams kafkaStreams = started.current();
            if (kafkaStreams == null) {
                throw new InvalidStateStoreException("the idempotency store has not started");
            }
            // a global store is complete once the application has started, rebalancing or not
            byte[] value = kafkaStreams.store(StoreQueryParameters.fromNameAndType(STORE,
                    QueryableStoreTypes.<String, byte[]>keyValueStore()).enableStaleStores()).get(recordKey);
            return Optional.ofNullable(value).map(IdempotencyStreams::read);
        };
    }

    static AcceptedSubmission read(byte[] value) {
        return EventJson.mapper().readValue(value, AcceptedSubmission.class);
    }

    public static byte[] write(AcceptedSubmission submission) {
        return EventJson.mapper().writeValueAsBytes(submission);
    }

    /** Submissions accepted under an idempotency key, by {@link com.therapyplatform.intake.idempotency.IdempotencyKey#recordKey()}. */
    @FunctionalInterface
    public interface AcceptedSubmissions {
        Optional<AcceptedSubmission> find(String recordKey);
    }
}
