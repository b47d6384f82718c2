package com.therapyplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the JSON Schemas under {@code /schemas/v1/} and the Java records of the contract in step:
 * every example event validates, record components and schema properties (names, JSON types,
 * required, enum values) match in both directions, and the schemas reject what they must reject.
 */
class EventSchemaTest {

    private static final String ID_PREFIX = "https://schemas.therapyplatform.com/v1/";
    private static final String RESOURCE_DIR = "/schemas/v1/";
    private static final String ENVELOPE = "envelope.schema.json";
    private static final String COMMON = "common.schema.json";
    private static final String EVENTS_PACKAGE = "com.therapyplatform.contracts.events.";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(
                    resolvers -> resolvers.mapPrefix("https://schemas.therapyplatform.com/", "classpath:schemas/")));

    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();

    static Stream<Arguments> events() {
        return Events.ALL.stream().map(type -> argumentSet(type.name() + " v" + type.version(), type));
    }

    static Stream<Arguments> tables() {
        return Tables.ALL.stream().map(type -> argumentSet(type.name() + " v" + type.version(), type));
    }

    // ---------------------------------------------------------------- examples validate

    @Test
    void everyEventOfTheCatalogHasAnExample() {
        assertThat(ExampleEvents.ALL.keySet()).containsExactlyInAnyOrderElementsOf(Events.ALL);
    }

    @ParameterizedTest
    @MethodSource("events")
    void exampleSetsEveryPayloadFieldSoThatValidationCoversIt(EventType<?> type) {
        EventEnvelope<?> example = ExampleEvents.of(type);
        List<String> unset = new ArrayList<>();
        collectUnset(example.payload(), "payload", unset);
        assertThat(unset).as("payload fields left null or empty in the example").isEmpty();
        if (type != Events.INTAKE_SUBMITTED && type != Events.INTAKE_CONTACT_PROVIDED) {
            // only the events of an intake's first step answer nothing
            assertThat(example.causationId()).as("causationId").isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void exampleValidatesAgainstItsSchemaWithZeroErrors(EventType<?> type) {
        JsonNode json = tree(ExampleEvents.of(type));

        assertThat(messages(validate(type, json))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void exampleRoundTripsThroughEventJsonUnchanged(EventType<?> type) {
        assertRoundTrip(type);
    }

    private static <P> void assertRoundTrip(EventType<P> type) {
        EventEnvelope<P> example = ExampleEvents.of(type);
        assertThat(EventJson.read(EventJson.write(example), type)).isEqualTo(example);
    }

    // ---------------------------------------------------------------- schemas are not vacuous

    @ParameterizedTest
    @MethodSource("events")
    void payloadWithAnUnknownFieldFailsValidation(EventType<?> type) {
        ObjectNode json = tree(ExampleEvents.of(type));
        ((ObjectNode) json.get("payload")).put("unexpectedField", "x");

        assertThat(validate(type, json)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void envelopeWithAnUnknownTopLevelFieldFailsValidation(EventType<?> type) {
        ObjectNode json = tree(ExampleEvents.of(type));
        json.put("unexpectedField", "x");

        assertThat(validate(type, json)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void payloadMissingAnyRequiredFieldFailsValidation(EventType<?> type) {
        ObjectNode json = tree(ExampleEvents.of(type));
        List<String> requiredPaths = new ArrayList<>();
        collectRequiredPaths(payloadSchema(type), json.get("payload"), "/payload", requiredPaths);
        assumeFalse(requiredPaths.isEmpty(), type.name() + " has no required payload field, at any depth");

        List<String> accepted = requiredPaths.stream()
                .filter(path -> validate(type, without(json, path)).isEmpty())
                .toList();

        assertThat(accepted).as("required fields whose absence the schema accepts").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void envelopeMissingAnyRequiredFieldFailsValidation(EventType<?> type) {
        ObjectNode json = tree(ExampleEvents.of(type));

        List<String> accepted = names(document(ENVELOPE).get("required")).stream()
                .map(name -> "/" + name)
                .filter(path -> validate(type, without(json, path)).isEmpty())
                .toList();

        assertThat(accepted).as("required envelope fields whose absence the schema accepts").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void wrongEventTypeFailsValidation(EventType<?> type) {
        EventType<?> other = Events.ALL.get((Events.ALL.indexOf(type) + 1) % Events.ALL.size());
        ObjectNode json = tree(ExampleEvents.of(type));
        json.put("eventType", other.name());

        assertThat(validate(type, json)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void wrongSchemaVersionFailsValidation(EventType<?> type) {
        ObjectNode json = tree(ExampleEvents.of(type));
        json.put("schemaVersion", type.version() + 1);

        assertThat(validate(type, json)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void malformedEnvelopeIdsAndInstantsFailValidation(EventType<?> type) {
        for (String field : List.of("eventId", "correlationId", "occurredAt", "submittedAt")) {
            ObjectNode json = tree(ExampleEvents.of(type));
            json.put(field, "not-a-" + field);

            assertThat(validate(type, json)).as(field).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- record <-> schema drift

    @ParameterizedTest
    @MethodSource("events")
    void payloadSchemaPropertiesMatchTheRecordComponentsRecursively(EventType<?> type) {
        List<String> drift = new ArrayList<>();
        compareValue(type.payloadType(), payloadSchema(type), "payload", drift);

        assertThat(drift).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void payloadSchemaRequiresExactlyTheComponentsTheRecordNeverLeavesNull(EventType<?> type) {
        List<String> drift = new ArrayList<>();
        compareRequired((Record) ExampleEvents.of(type).payload(), payloadSchema(type), "payload", drift);

        assertThat(drift).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void eventSchemaPinsTypeAndVersionAndNamesProducerConsumersAndPhi(EventType<?> type) {
        JsonNode schema = document(type.name() + ".schema.json");

        assertThat(EventSchemaTest.class.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
        assertThat(schema.path("$schema").asString(null)).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asString(null)).isEqualTo(ID_PREFIX + type.name() + ".schema.json");
        assertThat(schema.path("$ref").asString(null)).isEqualTo(ENVELOPE);
        assertThat(schema.at("/properties/eventType/const").asString(null)).isEqualTo(type.name());
        assertThat(schema.at("/properties/schemaVersion/const").isInt()).isTrue();
        assertThat(schema.at("/properties/schemaVersion/const").intValue()).isEqualTo(type.version());
        assertThat(schema.path("unevaluatedProperties").isBoolean()).isTrue();
        assertThat(schema.path("unevaluatedProperties").booleanValue()).isFalse();
        assertThat(schema.path("title").asString("")).isNotBlank();
        assertThat(schema.path("description").asString(""))
                .contains("Producer:", "Consumer", "PHI:", type.topic());
    }

    @Test
    void envelopeSchemaPropertiesMatchTheEnvelopeRecord() {
        List<String> drift = new ArrayList<>();
        compareValue(EventEnvelope.class, new SchemaNode(ENVELOPE, document(ENVELOPE)), "envelope", drift);

        assertThat(drift).isEmpty();
    }

    @Test
    void envelopeSchemaRequiresExactlyTheFieldsTheEnvelopeNeverLeavesNull() {
        List<String> drift = new ArrayList<>();
        compareRequired(ExampleEvents.INTAKE_TRIAGED, new SchemaNode(ENVELOPE, document(ENVELOPE)), "envelope",
                drift);

        assertThat(drift).isEmpty();
        assertThat(names(document(ENVELOPE).get("required"))).doesNotContain("causationId");
    }

    @Test
    void commonDefinitionsAreExactlyTheSharedNestedTypesAndEnumsOfThePayloads() {
        Set<Class<?>> reachable = new LinkedHashSet<>();
        Events.ALL.forEach(type -> collectNestedTypes(type.payloadType(), reachable));

        assertThat(document(COMMON).get("$defs").propertyNames())
                .containsExactlyInAnyOrderElementsOf(reachable.stream().map(Class::getSimpleName).toList());
    }

    @Test
    void commonEnumListsEqualTheJavaEnumConstants() {
        JsonNode defs = document(COMMON).get("$defs");
        List<String> drift = new ArrayList<>();
        for (String name : defs.propertyNames()) {
            if (defs.get(name).has("enum")) {
                compareEnum(javaClass(name), new SchemaNode(COMMON, defs.get(name)), "$defs/" + name, drift);
            }
        }

        assertThat(drift).isEmpty();
    }

    // ---------------------------------------------------------------- table values (no envelope)

    @Test
    void everyTableOfTheCatalogHasAnExample() {
        assertThat(ExampleEvents.TABLE_VALUES.keySet()).containsExactlyInAnyOrderElementsOf(Tables.ALL);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableExampleSetsEveryFieldAndValidatesAgainstItsSchemaWithZeroErrors(TableType<?> type) {
        Object example = ExampleEvents.TABLE_VALUES.get(type);
        List<String> unset = new ArrayList<>();
        collectUnset(example, "value", unset);

        assertThat(unset).as("fields left null or empty in the example").isEmpty();
        assertThat(messages(validate(type.name(), valueTree(example)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableExampleRoundTripsThroughEventJsonUnchanged(TableType<?> type) {
        Object example = ExampleEvents.TABLE_VALUES.get(type);

        assertThat(EventJson.readValue(EventJson.writeValue(example), type)).isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableValueWithAnUnknownFieldOrWithoutARequiredFieldFailsValidation(TableType<?> type) {
        ObjectNode json = valueTree(ExampleEvents.TABLE_VALUES.get(type));
        ObjectNode unknown = json.deepCopy();
        unknown.put("unexpectedField", "x");
        assertThat(validate(type.name(), unknown)).isNotEmpty();

        List<String> requiredPaths = new ArrayList<>();
        collectRequiredPaths(tableSchema(type), json, "", requiredPaths);
        assertThat(requiredPaths).isNotEmpty();
        List<String> accepted = requiredPaths.stream()
                .filter(path -> validate(type.name(), without(json, path)).isEmpty())
                .toList();
        assertThat(accepted).as("required fields whose absence the schema accepts").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableSchemaMatchesTheRecordRecursivelyAndRequiresWhatItNeverLeavesNull(TableType<?> type) {
        List<String> drift = new ArrayList<>();
        compareValue(type.valueType(), tableSchema(type), "value", drift);
        compareRequired((Record) ExampleEvents.TABLE_VALUES.get(type), tableSchema(type), "value", drift);

        assertThat(drift).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableSchemaNamesItsTopicProducerConsumersAndPhi(TableType<?> type) {
        JsonNode schema = document(type.name() + ".schema.json");

        assertThat(EventSchemaTest.class.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
        assertThat(schema.path("$schema").asString(null)).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.has("$ref")).as("a table value has no envelope").isFalse();
        assertThat(schema.path("description").asString(""))
                .contains("Producer:", "Consumer", "PHI:", type.topic(), "tombstone");
        assertThat(Topics.spec(type.topic()).compacted()).isTrue();
    }

    // ---------------------------------------------------------------- the schema files themselves

    @Test
    void schemaDirectoryHoldsTheEnvelopeTheSharedTypesAndOneSchemaPerEvent() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>(List.of(ENVELOPE, COMMON));
        Events.ALL.forEach(type -> expected.add(Path.of(type.schemaResource()).getFileName().toString()));
        Tables.ALL.forEach(type -> expected.add(Path.of(type.schemaResource()).getFileName().toString()));

        try (Stream<Path> files = Files.list(Path.of(EventSchemaTest.class.getResource(RESOURCE_DIR).toURI()))) {
            Set<String> present = files.map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(present).isEqualTo(expected);
        }
    }

    @Test
    void everySchemaIsAValidDraft202012SchemaWithItsOwnId() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<String> files = new ArrayList<>(List.of(ENVELOPE, COMMON));
        Events.ALL.forEach(type -> files.add(type.name() + ".schema.json"));
        Tables.ALL.forEach(type -> files.add(type.name() + ".schema.json"));

        for (String file : files) {
            JsonNode schema = document(file);
            assertThat(messages(metaSchema.validate(schema))).as(file).isEmpty();
            assertThat(schema.path("$id").asString(null)).as(file).isEqualTo(ID_PREFIX + file);
            assertThat(schema.path("title").asString("")).as(file).isNotBlank();
            assertThat(schema.path("description").asString("")).as(file).isNotBlank();
        }
    }

    // ================================================================ helpers: validation

    private static List<Error> validate(EventType<?> type, JsonNode json) {
        return validate(type.name(), json);
    }

    private static List<Error> validate(String name, JsonNode json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + name + ".schema.json"));
        return schema.validate(json, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    private static ObjectNode valueTree(Object tableValue) {
        return (ObjectNode) EventJson.mapper().readTree(EventJson.writeValue(tableValue));
    }

    private static SchemaNode tableSchema(TableType<?> type) {
        String file = type.name() + ".schema.json";
        return new SchemaNode(file, document(file));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }

    private static ObjectNode tree(EventEnvelope<?> envelope) {
        return (ObjectNode) EventJson.mapper().readTree(EventJson.write(envelope));
    }

    /** A copy of {@code json} without the property at {@code pointer}. */
    private static JsonNode without(JsonNode json, String pointer) {
        JsonNode copy = json.deepCopy();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) copy.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
        return copy;
    }

    /** JSON pointers of every required property present in {@code instance}, at any depth. */
    private static void collectRequiredPaths(SchemaNode schema, JsonNode instance, String pointer, List<String> out) {
        SchemaNode resolved = resolve(schema);
        JsonNode node = resolved.node();
        if (instance.isObject() && node.has("properties")) {
            for (String name : names(node.get("required"))) {
                if (instance.has(name)) {
                    out.add(pointer + "/" + name);
                }
            }
            for (String name : instance.propertyNames()) {
                JsonNode property = node.get("properties").get(name);
                if (property != null) {
                    collectRequiredPaths(resolved.child(property), instance.get(name), pointer + "/" + name, out);
                }
            }
        } else if (instance.isArray() && node.has("items")) {
            for (int i = 0; i < instance.size(); i++) {
                collectRequiredPaths(resolved.child(node.get("items")), instance.get(i), pointer + "/" + i, out);
            }
        }
    }

    // ================================================================ helpers: schema documents

    /** A schema node and the file it was read from, so that relative {@code $ref}s can be resolved. */
    private record SchemaNode(String file, JsonNode node) {

        SchemaNode child(JsonNode child) {
            return new SchemaNode(file, child);
        }
    }

    private static JsonNode document(String file) {
        return DOCUMENTS.computeIfAbsent(file, name -> {
            try (InputStream in = EventSchemaTest.class.getResourceAsStream(RESOURCE_DIR + name)) {
                assertThat(in).as(RESOURCE_DIR + name).isNotNull();
                return EventJson.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static SchemaNode payloadSchema(EventType<?> type) {
        String file = type.name() + ".schema.json";
        JsonNode payload = document(file).at("/properties/payload");
        assertThat(payload.isObject()).as(file + " defines properties.payload").isTrue();
        return new SchemaNode(file, payload);
    }

    /** Follows {@code $ref}s (relative file, optional {@code #/json/pointer}) to the schema they name. */
    private static SchemaNode resolve(SchemaNode schema) {
        SchemaNode current = schema;
        for (int hops = 0; current.node().has("$ref"); hops++) {
            assertThat(hops).as("$ref chain from " + schema.file()).isLessThan(10);
            String ref = current.node().get("$ref").asString();
            int hash = ref.indexOf('#');
            String file = hash == 0 ? current.file() : hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode target = document(file).at(pointer);
            assertThat(target.isMissingNode()).as("$ref " + ref + " in " + current.file() + " resolves").isFalse();
            current = new SchemaNode(file, target);
        }
        return current;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array != null) {
            array.forEach(name -> names.add(name.asString()));
        }
        return names;
    }

    // ================================================================ helpers: record <-> schema comparison

    /** Compares a Java type with a schema: JSON type, and recursively properties, items and enum values. */
    private static void compareValue(Type javaType, SchemaNode schema, String path, List<String> drift) {
        SchemaNode resolved = resolve(schema);
        JsonNode node = resolved.node();
        if (javaType instanceof TypeVariable<?>) {
            // the envelope's payload: its shape belongs to the event schema
            expectType(node, "object", path, drift);
            return;
        }
        Class<?> raw = rawClass(javaType);
        expectType(node, jsonType(raw, path, drift), path, drift);
        if (raw == UUID.class) {
            expectFormat(node, "uuid", path, drift);
        } else if (raw == Instant.class) {
            expectFormat(node, "date-time", path, drift);
        } else if (raw.isEnum()) {
            compareEnum(raw, resolved, path, drift);
        } else if (raw.isRecord()) {
            compareRecord(raw, resolved, path, drift);
        } else if (Collection.class.isAssignableFrom(raw)) {
            boolean set = Set.class.isAssignableFrom(raw);
            if (node.path("uniqueItems").asBoolean(false) != set) {
                drift.add(path + ": a " + raw.getSimpleName() + " needs uniqueItems " + set);
            }
            if (!node.has("items")) {
                drift.add(path + ": array without an items schema");
            } else {
                compareValue(typeArgument(javaType, 0), resolved.child(node.get("items")), path + "[]", drift);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (typeArgument(javaType, 0) != String.class) {
                drift.add(path + ": map keys must be strings to be JSON property names");
            }
            if (!node.path("additionalProperties").isObject()) {
                drift.add(path + ": map without an additionalProperties schema for its values");
            } else {
                compareValue(typeArgument(javaType, 1), resolved.child(node.get("additionalProperties")),
                        path + "{}", drift);
            }
        }
    }

    private static void compareRecord(Class<?> recordType, SchemaNode schema, String path, List<String> drift) {
        JsonNode node = schema.node();
        JsonNode properties = node.path("properties");
        Set<String> components = Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> schemaProperties = new LinkedHashSet<>(properties.propertyNames());
        for (String name : components) {
            if (!schemaProperties.contains(name)) {
                drift.add(path + "." + name + ": component of " + recordType.getSimpleName() + " missing in the schema");
            }
        }
        for (String name : schemaProperties) {
            if (!components.contains(name)) {
                drift.add(path + "." + name + ": schema property that " + recordType.getSimpleName() + " lacks");
            }
        }
        boolean closed = recordType == EventEnvelope.class
                || node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").booleanValue();
        if (!closed) {
            drift.add(path + ": " + recordType.getSimpleName() + " schema needs additionalProperties: false");
        }
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property != null) {
                compareValue(component.getGenericType(), schema.child(property), path + "." + component.getName(),
                        drift);
            }
        }
    }

    private static void compareEnum(Class<?> enumType, SchemaNode schema, String path, List<String> drift) {
        List<String> javaValues = Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        List<String> schemaValues = names(schema.node().get("enum"));
        if (!javaValues.equals(schemaValues)) {
            drift.add(path + ": enum " + enumType.getSimpleName() + " is " + javaValues + " but the schema lists "
                    + schemaValues);
        }
    }

    /**
     * Compares the schema's {@code required} with the components the record never leaves null: primitives,
     * and every component for which the canonical constructor, given null, throws or substitutes a value.
     * Recurses into nested records and records inside collections of {@code example}.
     */
    private static void compareRequired(Record example, SchemaNode schema, String path, List<String> drift) {
        SchemaNode resolved = resolve(schema);
        JsonNode node = resolved.node();
        Set<String> neverNull = neverNullComponents(example);
        Set<String> required = new LinkedHashSet<>(names(node.get("required")));
        if (!node.has("required")) {
            drift.add(path + ": no required list");
        }
        for (String name : neverNull) {
            if (!required.contains(name)) {
                drift.add(path + "." + name + ": never null in " + example.getClass().getSimpleName()
                        + " but not required by the schema");
            }
        }
        for (String name : required) {
            if (!neverNull.contains(name)) {
                drift.add(path + "." + name + ": required by the schema but " + example.getClass().getSimpleName()
                        + " may leave it null");
            }
        }
        for (RecordComponent component : example.getClass().getRecordComponents()) {
            Object value = accessor(component, example);
            JsonNode property = node.path("properties").get(component.getName());
            if (property == null || value == null) {
                continue;
            }
            SchemaNode propertySchema = resolve(resolved.child(property));
            String childPath = path + "." + component.getName();
            if (value instanceof Record nested && component.getType() != Object.class) {
                compareRequired(nested, propertySchema, childPath, drift);
            } else if (value instanceof Collection<?> elements && propertySchema.node().has("items")) {
                elements.stream()
                        .filter(Record.class::isInstance)
                        .findFirst()
                        .ifPresent(element -> compareRequired((Record) element,
                                propertySchema.child(propertySchema.node().get("items")), childPath + "[]", drift));
            }
        }
    }

    private static Set<String> neverNullComponents(Record example) {
        RecordComponent[] components = example.getClass().getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> accessor(c, example)).toArray();
        Constructor<?> canonical;
        try {
            canonical = example.getClass().getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        Set<String> neverNull = new LinkedHashSet<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                neverNull.add(components[i].getName());
                continue;
            }
            Object[] args = values.clone();
            args[i] = null;
            try {
                Object built = canonical.newInstance(args);
                if (accessor(components[i], built) != null) {
                    neverNull.add(components[i].getName()); // the record substitutes a value for null
                }
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof NullPointerException || e.getCause() instanceof IllegalArgumentException)) {
                    throw new IllegalStateException(e.getCause());
                }
                neverNull.add(components[i].getName()); // the record rejects null
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return neverNull;
    }

    /** Adds the components that are null, or empty collections or maps, at any depth below {@code value}. */
    private static void collectUnset(Object value, String path, List<String> unset) {
        if (value == null) {
            unset.add(path);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                collectUnset(accessor(component, record), path + "." + component.getName(), unset);
            }
        } else if (value instanceof Collection<?> collection) {
            if (collection.isEmpty()) {
                unset.add(path + " (empty)");
            }
            collection.forEach(element -> collectUnset(element, path + "[]", unset));
        } else if (value instanceof Map<?, ?> map && map.isEmpty()) {
            unset.add(path + " (empty)");
        }
    }

    /** The records and enums nested in {@code type} (not {@code type} itself), at any depth. */
    private static void collectNestedTypes(Class<?> type, Set<Class<?>> out) {
        for (RecordComponent component : type.getRecordComponents()) {
            Type generic = component.getGenericType();
            List<Type> candidates = generic instanceof ParameterizedType parameterized
                    ? Arrays.asList(parameterized.getActualTypeArguments())
                    : List.of(generic);
            for (Type candidate : candidates) {
                Class<?> raw = rawClass(candidate);
                if ((raw.isRecord() || raw.isEnum()) && out.add(raw) && raw.isRecord()) {
                    collectNestedTypes(raw, out);
                }
            }
        }
    }

    private static String jsonType(Class<?> raw, String path, List<String> drift) {
        if (raw == String.class || raw == UUID.class || raw == Instant.class || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
            return "object";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        drift.add(path + ": no JSON mapping known for " + raw.getName() + "; extend this test and the schema");
        return "?";
    }

    private static void expectType(JsonNode schema, String expected, String path, List<String> drift) {
        String actual = schema.path("type").asString(null);
        if (!expected.equals(actual)) {
            drift.add(path + ": JSON type should be " + expected + " but the schema says " + actual);
        }
    }

    private static void expectFormat(JsonNode schema, String expected, String path, List<String> drift) {
        String actual = schema.path("format").asString(null);
        if (!expected.equals(actual)) {
            drift.add(path + ": format should be " + expected + " but the schema says " + actual);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("unsupported type in an event record: " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("raw collection type in an event record: " + type);
    }

    private static Object accessor(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> javaClass(String simpleName) {
        try {
            return Class.forName(EVENTS_PACKAGE + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("common.schema.json defines " + simpleName + " but " + EVENTS_PACKAGE
                    + simpleName + " does not exist", e);
        }
    }
}
