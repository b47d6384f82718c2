package com.therapyplatform.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every record on every topic is one envelope: who it is about ({@code intakeId}, also the record key),
 * when the intake started ({@code submittedAt}, so any stage can measure its latency from the first
 * event), and where it came from ({@code correlationId} = the intake's first event id, {@code
 * causationId} = the event this one answers). Order across topics is read from causation.
 */
public record EventEnvelope<P>(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String intakeId,
        Instant submittedAt,
        String correlationId,
        String causationId,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(intakeId, "intakeId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    /** The first event of an intake: it correlates with itself and answers nothing. */
    public static <P> EventEnvelope<P> first(EventType<P> type, String intakeId, Instant now, P payload) {
        UUID id = UUID.randomUUID();
        return new EventEnvelope<>(id, type.name(), type.version(), now, intakeId, now, id.toString(), null, payload);
    }

    /** A further event of the same intake, submitted in the same step as {@code sibling} (same cause). */
    public static <P> EventEnvelope<P> sibling(EventEnvelope<?> sibling, EventType<P> type, P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), sibling.occurredAt(),
                sibling.intakeId(), sibling.submittedAt(), sibling.correlationId(), sibling.causationId(), payload);
    }

    /** An event caused by this one: same intake and correlation, causation = this event's id. */
    public <R> EventEnvelope<R> answer(EventType<R> type, Instant now, R payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), now, intakeId, submittedAt,
                correlationId, eventId.toString(), payload);
    }
}
