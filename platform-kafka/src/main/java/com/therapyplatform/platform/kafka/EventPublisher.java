package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventType;

/**
 * Writes an event to its topic, keyed by its intake, with its type in the {@value #EVENT_TYPE_HEADER}
 * header. Every service gets {@link BinderEventPublisher} unless it declares its own.
 */
public interface EventPublisher {

    String EVENT_TYPE_HEADER = "eventType";

    /** @throws TransientFailure when the event was not taken, so the caller's record is retried */
    <P> void publish(EventType<P> type, EventEnvelope<P> event);
}
