package com.therapyplatform.contracts;

/**
 * A named, versioned event and the topic it lives on. The name and version travel in the envelope,
 * so a consumer can refuse a version it does not know instead of misreading it.
 */
public record EventType<P>(String name, int version, Class<P> payloadType, String topic) {

    /**
     * The same event (name, version, payload) on another platform topic it is also written to, e.g.
     * IntakeSubmitted on {@link Topics#INTAKE_SUBMITTED_URGENT}. The catalog ({@link Events}) keeps the
     * event's home topic; a consumer reads the record with either, as the envelope is the same.
     *
     * @throws IllegalArgumentException if {@code otherTopic} is not a platform topic
     */
    public EventType<P> on(String otherTopic) {
        return new EventType<>(name, version, payloadType, Topics.spec(otherTopic).name());
    }

    public String schemaResource() {
        return "/schemas/v" + version + "/" + name + ".schema.json";
    }
}
