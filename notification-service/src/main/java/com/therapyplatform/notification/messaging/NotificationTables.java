package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Tables;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.platform.kafka.StartedStreams;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * What notification reads from Kafka, as Kafka Streams global stores: each is filled by a global
 * consumer, apart from the (slow, SMTP-bound) senders, and complete on every instance. So an urgent
 * intake finds its contact even while thousands of routine receipts wait to be mailed, and any
 * instance can answer for any intake. On start-up the stores are restored from their topics before
 * their application reports RUNNING; until then a read is a transient failure.
 *
 * <p>Two Kafka Streams applications, each with its own global consumer (one thread reads all of an
 * application's global topics, record after record): the tables ({@code spring.kafka.streams.application-id})
 * and the urgent contacts ({@code notification.urgent-contacts.application-id}), which reads nothing else.
 * Sharing the tables' consumer, the urgent copy was read only after the routine contacts and triage
 * records queued seconds before it: behind a burst of 50,000 routine intakes the first crisis lookup
 * waited out its second and went to the redelivery back-off.
 *
 * <ul>
 *   <li>{@code contacts}: {@code intake.contact.v1} by intake id</li>
 *   <li>{@code urgent-contacts} (the urgent contacts application): {@code intake.contact.urgent.v1} by
 *       intake id, the urgent intakes' copy that the crisis lane looks in first: no routine record sits
 *       in front of it</li>
 *   <li>{@code triage}: {@code intake.triaged.v1} by intake id (categories, for helplines)</li>
 *   <li>{@code clinicians}: {@code clinicians.v1} by clinician id (work contact)</li>
 *   <li>{@code notifications-sent}, {@code notifications-failed}: notification's own audit events,
 *       re-keyed to {@code intakeId|REASON|CHANNEL}: the de-duplication store and the audit trail</li>
 * </ul>
 */
public class NotificationTables {

    static final String CONTACTS = "contacts";
    static final String URGENT_CONTACTS = "urgent-contacts";
    static final String TRIAGE = "triage";
    static final String CLINICIANS = "clinicians";
    static final String SENT = "notifications-sent";
    static final String FAILED = "notifications-failed";

    private final StartedStreams tables;
    private final StartedStreams urgentContacts;

    /** Before the factories start: the tables learn of their streams from their listeners. */
    public NotificationTables(StreamsBuilderFactoryBean tables, StreamsBuilderFactoryBean urgentContacts) {
        this.tables = StartedStreams.of(tables);
        this.urgentContacts = StartedStreams.of(urgentContacts);
    }

    static void define(StreamsBuilder tables, StreamsBuilder urgentContacts) {
        table(tables, Topics.INTAKE_CONTACT, CONTACTS);
        table(tables, Topics.INTAKE_TRIAGED, TRIAGE);
        table(tables, Topics.CLINICIANS, CLINICIANS);
        deliveries(tables, Topics.NOTIFICATION_SENT, SENT);
        deliveries(tables, Topics.NOTIFICATION_FAILED, FAILED);
        table(urgentContacts, Topics.INTAKE_CONTACT_URGENT, URGENT_CONTACTS);
    }

    private static void table(StreamsBuilder builder, String topic, String store) {
        builder.globalTable(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
    }

    /** Kafka Streams runs the indexer on restore too, so the re-keyed store is rebuilt right after a restart. */
    private static void deliveries(StreamsBuilder builder, String topic, String store) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topic, Consumed.with(Serdes.String(), Serdes.ByteArray()), () -> new DeliveryIndexer(store));
    }

    static String deliveryKey(String intakeId, NotificationReason reason, Channel channel) {
        return intakeId + "|" + reason.name() + "|" + channel.name();
    }

    /** The contact for this intake; a record that cannot be read is poison for whoever needs it. */
    public Optional<IntakeContactProvided> contact(String intakeId) {
        return Optional.ofNullable(store(CONTACTS).get(intakeId))
                .map(json -> EventJson.read(json, Events.INTAKE_CONTACT_PROVIDED).payload());
    }

    /**
     * An urgent intake's contact: its own copy first, else the one on the routine contact topic. While the
     * urgent contacts application is not running (restoring, or failed) the routine store still answers.
     */
    public Optional<IntakeContactProvided> urgentContact(String intakeId) {
        KafkaStreams urgent = urgentContacts.running();
        byte[] json = urgent == null ? null : store(urgent, URGENT_CONTACTS).get(intakeId);
        return json != null ? Optional.of(EventJson.read(json, Events.INTAKE_CONTACT_PROVIDED).payload())
                : contact(intakeId);
    }

    /** Triage's routing view of this intake; an unreadable record counts as unknown. */
    public Optional<IntakeTriaged> triage(String intakeId) {
        try {
            return Optional.ofNullable(store(TRIAGE).get(intakeId))
                    .map(json -> EventJson.read(json, Events.INTAKE_TRIAGED).payload());
        } catch (EventDecodingException e) {
            return Optional.empty();
        }
    }

    /** The roster entry of this clinician; removed or unreadable counts as unknown. */
    public Optional<ClinicianProfile> clinician(String clinicianId) {
        try {
            return Optional.ofNullable(store(CLINICIANS).get(clinicianId))
                    .map(json -> EventJson.readValue(json, Tables.CLINICIAN_PROFILE));
        } catch (EventDecodingException e) {
            return Optional.empty();
        }
    }

    /** Whether a NotificationSent or NotificationFailed for this (intake, reason, channel) is on record. */
    public boolean delivered(String intakeId, NotificationReason reason, Channel channel) {
        String key = deliveryKey(intakeId, reason, channel);
        return store(SENT).get(key) != null || store(FAILED).get(key) != null;
    }

    /** Every NotificationSent and NotificationFailed on record for this intake, in no particular order. */
    public List<EventEnvelope<?>> deliveries(String intakeId) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (String name : List.of(SENT, FAILED)) {
            try (KeyValueIterator<String, byte[]> matches =
                    store(name).prefixScan(intakeId + "|", new StringSerializer())) {
                matches.forEachRemaining(entry -> events.add(EventJson.readAny(entry.value)));
            }
        }
        return events;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        KafkaStreams kafkaStreams = tables.running();
        if (kafkaStreams == null) {
            throw new TransientFailure("NOTIFICATION_TABLES_NOT_RUNNING");
        }
        return store(kafkaStreams, name);
    }

    private static ReadOnlyKeyValueStore<String, byte[]> store(KafkaStreams kafkaStreams, String name) {
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
