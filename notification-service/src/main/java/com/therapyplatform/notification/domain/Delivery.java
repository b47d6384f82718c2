package com.therapyplatform.notification.domain;

import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;

/**
 * One message to send: why, on which channel, to which address, saying what. At most one delivery per
 * (intake, reason, channel) ever goes out. {@code address} is null when the recipient has none on
 * this channel (a clinician without a work mobile): that is recorded as a failed notification.
 */
public record Delivery(NotificationReason reason, Channel channel, String address, MessageContent content) {

    /** Deterministic per (intake, reason): mail systems drop the rare duplicate after a crash between send and commit. */
    public static String messageId(String intakeId, NotificationReason reason) {
        return "<" + intakeId + "." + reason.name().toLowerCase(java.util.Locale.ROOT)
                + "@notifications.therapyplatform.example>";
    }
}
