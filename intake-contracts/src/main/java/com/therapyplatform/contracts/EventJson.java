package com.therapyplatform.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events, shared by every producer and consumer. Readers are tolerant of
 * fields they do not know (v1 may grow additively) but strict about the event's name and version.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    /** Reads a record that must be an event of {@code type}. */
    public static <P> EventEnvelope<P> read(byte[] json, EventType<P> type) {
        JsonNode tree = parse(json);
        String name = tree.path("eventType").asString(null);
        if (!type.name().equals(name)) {
            throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_EVENT_TYPE);
        }
        if (tree.path("schemaVersion").asInt(-1) != type.version()) {
            throw new EventDecodingException(EventDecodingException.Reason.UNSUPPORTED_SCHEMA_VERSION);
        }
        return convert(tree, type);
    }

    /** Reads any known event, whatever its type (for tools that read several topics). */
    public static EventEnvelope<?> readAny(byte[] json) {
        JsonNode tree = parse(json);
        String name = tree.path("eventType").asString(null);
        int version = tree.path("schemaVersion").asInt(-1);
        EventType<?> type = Events.ALL.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new EventDecodingException(EventDecodingException.Reason.UNKNOWN_EVENT_TYPE));
        if (type.version() != version) {
            throw new EventDecodingException(EventDecodingException.Reason.UNSUPPORTED_SCHEMA_VERSION);
        }
        return convert(tree, type);
    }

    public static byte[] writeValue(Object tableValue) {
        return MAPPER.writeValueAsBytes(tableValue);
    }

    /** Reads a table value (no envelope), e.g. a {@code ClinicianProfile} from {@code clinicians.v1}. */
    public static <V> V readValue(byte[] json, TableType<V> type) {
        JsonNode tree = parse(json);
        try {
            return MAPPER.treeToValue(tree, type.valueType());
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_VALUE);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new EventDecodingException(EventDecodingException.Reason.UNPARSEABLE);
            }
            return tree;
        } catch (JacksonException e) {
            throw new EventDecodingException(EventDecodingException.Reason.UNPARSEABLE);
        }
    }

    private static <P> EventEnvelope<P> convert(JsonNode tree, EventType<P> type) {
        JavaType javaType = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, type.payloadType());
        try {
            return MAPPER.treeToValue(tree, javaType);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            // record constructors reject missing required parts with NPE/IAE; Jackson may wrap them
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_ENVELOPE);
        }
    }
}
