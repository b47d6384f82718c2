package com.therapyplatform.notification.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationSent;
import java.time.Instant;

/** One line of an intake's notification audit trail: what went out (or could not), never its content or address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEntry(String status, NotificationReason reason, Channel channel, String templateId,
        Integer templateVersion, String messageId, String failureCode, Instant occurredAt, String eventId,
        String causationId) {

    static AuditEntry of(EventEnvelope<?> event) {
        if (event.payload() instanceof NotificationSent sent) {
            return new AuditEntry("SENT", sent.reason(), sent.channel(), sent.templateId(), sent.templateVersion(),
                    sent.messageId(), null, event.occurredAt(), event.eventId().toString(), event.causationId());
        }
        NotificationFailed failed = (NotificationFailed) event.payload();
        return new AuditEntry("FAILED", failed.reason(), failed.channel(), failed.templateId(), null, null,
                failed.failureCode(), event.occurredAt(), event.eventId().toString(), event.causationId());
    }
}
