package com.therapyplatform.contracts.events;

/** The audit record of one send: which message, never its content or address. */
public record NotificationSent(
        NotificationReason reason,
        Channel channel,
        String templateId,
        int templateVersion,
        String messageId) {
}
