package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.platform.kafka.TransientFailure;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Contact details by intake id, read from a Kafka Streams global table over {@code intake.contact.v1}.
 * It is materialized by its own consumer, apart from the (slow, SMTP-bound) senders, so an urgent
 * intake finds its contact even while thousands of routine receipts wait to be mailed.
 */
public class ContactDirectory {

    static final String STORE = "contacts";

    private final StreamsBuilderFactoryBean streams;

    public ContactDirectory(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** The contact for this intake; a transient failure while the table has not caught up with it. */
    public IntakeContactProvided require(String intakeId) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw new TransientFailure("CONTACT_DIRECTORY_NOT_RUNNING");
        }
        ReadOnlyKeyValueStore<String, byte[]> store = kafkaStreams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
        byte[] contact = store.get(intakeId);
        if (contact == null) {
            throw new TransientFailure("CONTACT_NOT_YET_KNOWN");
        }
        return EventJson.read(contact, Events.INTAKE_CONTACT_PROVIDED).payload();
    }
}
