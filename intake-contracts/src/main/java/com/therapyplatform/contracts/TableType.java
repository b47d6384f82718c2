package com.therapyplatform.contracts;

/**
 * The value type of a compacted table topic. Unlike events, table values have no envelope: the record
 * key names the entity, the latest value per key is its state, and a tombstone removes it. The version
 * is the topic's ({@code .v1}).
 */
public record TableType<V>(String name, int version, Class<V> valueType, String topic) {

    public String schemaResource() {
        return "/schemas/v" + version + "/" + name + ".schema.json";
    }
}
