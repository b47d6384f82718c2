package com.therapyplatform.matching.messaging;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to the latest value per key of its compacted topic (tombstone = delete), and
 * its mirror, if it has one, equal to the store.
 */
final class GlobalTableUpdater implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private final StoreMirror mirror;
    private KeyValueStore<String, byte[]> store;

    GlobalTableUpdater(String storeName) {
        this(storeName, null);
    }

    GlobalTableUpdater(String storeName, StoreMirror mirror) {
        this.storeName = storeName;
        this.mirror = mirror;
    }

    /** Kafka Streams initialises the updater after restoring the store (and one more for a restore it replays). */
    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
        if (mirror != null) {
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                mirror.reload(all);
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            store.delete(record.key());
            if (mirror != null) {
                mirror.delete(record.key());
            }
        } else {
            store.put(record.key(), record.value());
            if (mirror != null) {
                mirror.put(record.key(), record.value());
            }
        }
    }
}
