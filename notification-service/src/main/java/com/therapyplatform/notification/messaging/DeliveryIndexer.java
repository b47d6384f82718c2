package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationSent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store of notification's audit events keyed by {@code intakeId|REASON|CHANNEL}: at
 * most one entry per (intake, reason, channel), which is what de-duplication asks, and a prefix scan by
 * intake id gives the audit trail. A record that cannot be read is skipped: it cannot block the store.
 */
final class DeliveryIndexer implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryIndexer.class);

    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    DeliveryIndexer(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        EventEnvelope<?> event;
        try {
            event = EventJson.readAny(record.value());
        } catch (EventDecodingException e) {
            log.warn("Skipped an unreadable audit record in {} ({})", storeName, e.reason());
            return;
        }
        String key = null;
        if (event.payload() instanceof NotificationSent sent && sent.reason() != null && sent.channel() != null) {
            key = NotificationTables.deliveryKey(event.intakeId(), sent.reason(), sent.channel());
        } else if (event.payload() instanceof NotificationFailed failed && failed.reason() != null
                && failed.channel() != null) {
            key = NotificationTables.deliveryKey(event.intakeId(), failed.reason(), failed.channel());
        }
        if (key != null && store.get(key) == null) {
            // the first record wins: a later duplicate does not rewrite the audit entry
            store.put(key, record.value());
        }
    }
}
