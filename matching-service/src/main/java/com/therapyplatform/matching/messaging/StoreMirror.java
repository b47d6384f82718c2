package com.therapyplatform.matching.messaging;

import java.util.Iterator;
import org.apache.kafka.streams.KeyValue;

/**
 * A view of a global store that its updater keeps beside it, for reads the store cannot serve cheaply (an
 * index). Called on the global stream thread only, in the order the store changes.
 */
interface StoreMirror {

    /** Everything the store holds now: it was (re)initialised, e.g. restored at start-up. */
    void reload(Iterator<KeyValue<String, byte[]>> entries);

    void put(String key, byte[] value);

    void delete(String key);
}
