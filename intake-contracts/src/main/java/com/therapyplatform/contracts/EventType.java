package com.therapyplatform.contracts;

/**
 * A named, versioned event and the topic it lives on. The name and version travel in the envelope,
 * so a consumer can refuse a version it does not know instead of misreading it.
 */
public record EventType<P>(String name, int version, Class<P> payloadType, String topic) {

    public String schemaResource() {
        return "/schemas/v" + version + "/" + name + ".schema.json";
    }
}
