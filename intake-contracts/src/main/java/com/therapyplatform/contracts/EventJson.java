package com.therapyplatform.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events, shared by every producer and consumer. Readers are tolerant of
 * fields they do not know (v1 may grow additively) but strict about the event's name and version.
 *
 * <p>A record is read in one pass straight into its envelope, then its name and version are checked. Only
 * a record that fails that goes through a tree first, to say exactly why it cannot be read: building the
 * tree for every record cost a fifth more than binding it (docs/benchmarks/tuning.md, change 22).
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** One reader per payload type: it keeps its deserializer, so no lookup per record. */
    private static final ClassValue<ObjectReader> ENVELOPE_READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> payloadType) {
            return MAPPER.readerFor(envelopeOf(payloadType));
        }
    };

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
        EventEnvelope<P> event = readDirectly(json, type);
        return event != null ? event : readThroughTree(json, type);
    }

    private static <P> EventEnvelope<P> readThroughTree(byte[] json, EventType<P> type) {
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
        EventType<?> type = typeNamedIn(json);
        EventEnvelope<?> event = type == null ? null : readDirectly(json, type);
        return event != null ? event : readAnyThroughTree(json);
    }

    private static EventEnvelope<?> readAnyThroughTree(byte[] json) {
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
        try {
            V value = MAPPER.readValue(json, type.valueType());
            if (value != null) {
                return value;
            }
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            // the tree path below says why
        }
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

    /**
     * The event, or null whenever it is not a readable event of {@code type} (the tree path then says why,
     * exactly as it always has).
     */
    @SuppressWarnings("unchecked")
    private static <P> EventEnvelope<P> readDirectly(byte[] json, EventType<P> type) {
        try {
            EventEnvelope<P> event = (EventEnvelope<P>) ENVELOPE_READERS.get(type.payloadType()).readValue(json);
            return event != null && type.name().equals(event.eventType()) && event.schemaVersion() == type.version()
                    ? event : null;
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The catalog's event named at the top level of {@code json}, read without building a tree, or null. */
    private static EventType<?> typeNamedIn(byte[] json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String property = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventType".equals(property)) {
                    String name = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    return Events.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static JavaType envelopeOf(Class<?> payloadType) {
        return MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
    }

    private static <P> EventEnvelope<P> convert(JsonNode tree, EventType<P> type) {
        try {
            return MAPPER.treeToValue(tree, envelopeOf(type.payloadType()));
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            // record constructors reject missing required parts with NPE/IAE; Jackson may wrap them
            throw new EventDecodingException(EventDecodingException.Reason.INVALID_ENVELOPE);
        }
    }
}
