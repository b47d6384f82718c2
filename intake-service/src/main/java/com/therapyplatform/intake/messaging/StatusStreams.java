package com.therapyplatform.intake.messaging;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.intake.status.IntakeStatus;
import com.therapyplatform.intake.status.StatusChanges;
import com.therapyplatform.platform.kafka.StartedStreams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The status read model: a Kafka Streams state store (RocksDB, changelogged, so it is restored after
 * a restart) of {@link IntakeStatus} by intake id, folded from the token hashes this service writes and
 * the downstream events. Queried in place (interactive queries); see docs/events.md for the topic.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class StatusStreams {

    static final String STORE = "intake-status";
    private static final Logger log = LoggerFactory.getLogger(StatusStreams.class);
    private static final List<String> INPUTS = List.of(Topics.INTAKE_STATUS_TOKENS, Topics.INTAKE_TRIAGED,
            Topics.INTAKE_URGENT, Topics.INTAKE_MATCHED, Topics.INTAKE_WAITLISTED);

    @Bean
    StatusChanges statusChanges() {
        return new StatusChanges();
    }

    @Bean
    KStream<String, byte[]> statusModel(StreamsBuilder builder, StatusChanges changes) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                statusSerde()));
        KStream<String, byte[]> events = builder.stream(INPUTS, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        events.process(() -> new StatusProcessor(changes), STORE);
        return events;
    }

    @Bean
    StatusQuery statusQuery(StreamsBuilderFactoryBean streams) {
        StartedStreams started = StartedStreams.of(streams); // not the factory's lifecycle lock, per request
        return intakeId -> {
            KafkaStreams kafkaStreams = started.current();
            if (kafkaStreams == null) {
                throw new InvalidStateStoreException("the status read model has not started");
            }
            return Optional.ofNullable(kafkaStreams.store(StoreQueryParameters.fromNameAndType(STORE,
                    QueryableStoreTypes.<String, IntakeStatus>keyValueStore())).get(intakeId));
        };
    }

    static Serde<IntakeStatus> statusSerde() {
        return Serdes.serdeFrom((topic, status) -> status == null ? null : EventJson.mapper().writeValueAsBytes(status),
                (topic, bytes) -> bytes == null ? null : EventJson.mapper().readValue(bytes, IntakeStatus.class));
    }

    /** The status of one intake, if the read model holds it on this instance. */
    @FunctionalInterface
    public interface StatusQuery {
        Optional<IntakeStatus> find(String intakeId);
    }

    static final class StatusProcessor implements Processor<String, byte[], Void, Void> {

        private final StatusChanges changes;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, IntakeStatus> store;

        StatusProcessor(StatusChanges changes) {
            this.changes = changes;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
            IntakeStatus current = Optional.ofNullable(store.get(record.key())).orElse(IntakeStatus.NONE);
            IntakeStatus next = switch (topic) {
                case Topics.INTAKE_STATUS_TOKENS -> current.withTokenHash(new String(record.value(),
                        StandardCharsets.US_ASCII));
                case Topics.INTAKE_TRIAGED -> current.triaged();
                case Topics.INTAKE_URGENT -> current.flaggedUrgent();
                case Topics.INTAKE_WAITLISTED -> current.waitlisted();
                case Topics.INTAKE_MATCHED -> matched(current, record.value());
                default -> current;
            };
            if (!next.equals(current)) {
                store.put(record.key(), next);
                changes.changed(record.key());
            }
        }

        private static IntakeStatus matched(IntakeStatus current, byte[] value) {
            try {
                ClinicianAssigned assigned = EventJson.read(value, Events.CLINICIAN_ASSIGNED).payload();
                return current.matched(assigned.clinicianDisplayName(), assigned.credentials());
            } catch (RuntimeException e) {
                // a record the status view cannot read must not stop it; matching dead-letters its own poison
                log.warn("Status read model skipped an unreadable {} record ({})", Topics.INTAKE_MATCHED,
                        e.getClass().getSimpleName());
                return current;
            }
        }
    }
}
