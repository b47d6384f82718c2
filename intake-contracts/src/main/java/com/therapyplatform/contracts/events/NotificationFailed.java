package com.therapyplatform.contracts.events;

/** A send that can never succeed (invalid address, provider 4xx); {@code failureCode} is a code, not a message. */
public record NotificationFailed(
        NotificationReason reason,
        Channel channel,
        String templateId,
        String failureCode) {
}
