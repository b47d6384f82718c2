package com.therapyplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.EventDecodingException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records are read in one pass and only the unreadable ones through a tree: whatever the path, a record
 * reads as the same event, and a record that cannot be read fails with the reason the tree gives.
 */
class EventJsonTest {

    static Stream<EventType<?>> events() {
        return Events.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyExampleReadsAsItselfByItsTypeAndAsAnyEvent(EventType<?> type) {
        EventEnvelope<?> example = ExampleEvents.of(type);
        byte[] json = EventJson.write(example);

        assertThat(EventJson.read(json, type)).isEqualTo(example);
        assertThat(EventJson.readAny(json)).isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("events")
    void aRecordOfAnyOtherEventIsRefusedAsAnUnknownEventTypeNeverMisreadAsThisOne(EventType<?> type) {
        for (EventType<?> other : Events.ALL) {
            if (!other.name().equals(type.name())) {
                byte[] json = EventJson.write(ExampleEvents.of(other));
                assertReason(() -> EventJson.read(json, type), Reason.UNKNOWN_EVENT_TYPE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void anotherSchemaVersionIsRefusedByTypeAndAsAnyEvent(EventType<?> type) {
        byte[] json = edited(type, tree -> tree.put("schemaVersion", type.version() + 1));

        assertReason(() -> EventJson.read(json, type), Reason.UNSUPPORTED_SCHEMA_VERSION);
        assertReason(() -> EventJson.readAny(json), Reason.UNSUPPORTED_SCHEMA_VERSION);
    }

    @ParameterizedTest
    @MethodSource("events")
    void anEnvelopeWithoutItsIntakeOrPayloadIsInvalid(EventType<?> type) {
        for (String field : List.of("intakeId", "payload", "eventId", "submittedAt")) {
            byte[] json = edited(type, tree -> tree.remove(field));
            assertReason(() -> EventJson.read(json, type), Reason.INVALID_ENVELOPE);
            assertReason(() -> EventJson.readAny(json), Reason.INVALID_ENVELOPE);
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void fieldsInAnyOrderAndFieldsNotYetKnownAreRead(EventType<?> type) {
        EventEnvelope<?> example = ExampleEvents.of(type);
        ObjectNode tree = EventJson.mapper().valueToTree(example);
        ObjectNode reordered = EventJson.mapper().createObjectNode();
        reordered.put("addedInALaterMinorVersion", true);
        List<String> names = new ArrayList<>(tree.propertyNames());
        Collections.reverse(names);
        for (String name : names) {
            reordered.set(name, tree.get(name));
        }
        byte[] json = EventJson.mapper().writeValueAsBytes(reordered);

        assertThat(EventJson.read(json, type)).isEqualTo(example);
        assertThat(EventJson.readAny(json)).isEqualTo(example);
    }

    @Test
    void anEventNameNotInTheCatalogOrNotAStringIsAnUnknownEventType() {
        EventType<?> type = Events.INTAKE_TRIAGED;
        byte[] renamed = edited(type, tree -> tree.put("eventType", "IntakeTeleported"));
        byte[] numbered = edited(type, tree -> tree.put("eventType", 7));
        byte[] missing = edited(type, tree -> tree.remove("eventType"));

        for (byte[] json : List.of(renamed, numbered, missing)) {
            assertReason(() -> EventJson.read(json, type), Reason.UNKNOWN_EVENT_TYPE);
            assertReason(() -> EventJson.readAny(json), Reason.UNKNOWN_EVENT_TYPE);
        }
    }

    @Test
    void whatIsNotOneJsonObjectIsUnparseableEvenWhenItStartsLikeAnEvent() {
        byte[] whole = EventJson.write(ExampleEvents.INTAKE_TRIAGED);
        List<byte[]> broken = List.of(
                new byte[0],
                utf8("not json"),
                utf8("null"),
                utf8("[1, 2]"),
                utf8("\"IntakeTriaged\""),
                Arrays.copyOf(whole, whole.length - 10));

        for (byte[] json : broken) {
            assertReason(() -> EventJson.read(json, Events.INTAKE_TRIAGED), Reason.UNPARSEABLE);
            assertReason(() -> EventJson.readAny(json), Reason.UNPARSEABLE);
        }
    }

    private static byte[] edited(EventType<?> type, Consumer<ObjectNode> edit) {
        ObjectNode tree = EventJson.mapper().valueToTree(ExampleEvents.of(type));
        edit.accept(tree);
        return EventJson.mapper().writeValueAsBytes(tree);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertReason(Runnable read, Reason reason) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
