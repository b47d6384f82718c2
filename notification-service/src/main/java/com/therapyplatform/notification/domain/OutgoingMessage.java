package com.therapyplatform.notification.domain;

import com.therapyplatform.contracts.events.NotificationReason;

/**
 * One message to one person. The subject never names a condition, category or score: a phone's lock
 * screen shows it.
 */
public record OutgoingMessage(NotificationReason reason, String templateId, int templateVersion, String subject,
        String body) {

    /** Deterministic per (intake, reason): mail systems drop the rare duplicate after a crash between send and commit. */
    public static String messageId(String intakeId, NotificationReason reason) {
        return "<" + intakeId + "." + reason.name().toLowerCase() + "@notifications.therapyplatform.example>";
    }
}
