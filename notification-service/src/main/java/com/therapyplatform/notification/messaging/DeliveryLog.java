package com.therapyplatform.notification.messaging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import java.time.Duration;

/**
 * Once per (intake, reason, channel). The record of what went out is notification's own audit events on
 * Kafka ({@link NotificationTables}), so it survives restarts and is shared by every instance. The global
 * consumer reads those events a moment after they are written; a duplicate that arrives within that
 * moment is caught by the short memory of what this instance itself just recorded.
 */
public class DeliveryLog {

    private final NotificationTables tables;
    private final Cache<String, Boolean> justRecorded;

    public DeliveryLog(NotificationTables tables, Duration memory) {
        this.tables = tables;
        this.justRecorded = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(memory).build();
    }

    public boolean done(String intakeId, NotificationReason reason, Channel channel) {
        return justRecorded.getIfPresent(NotificationTables.deliveryKey(intakeId, reason, channel)) != null
                || tables.delivered(intakeId, reason, channel);
    }

    /** Call once the audit event is acknowledged by the broker. */
    public void recorded(String intakeId, NotificationReason reason, Channel channel) {
        justRecorded.put(NotificationTables.deliveryKey(intakeId, reason, channel), Boolean.TRUE);
    }
}
