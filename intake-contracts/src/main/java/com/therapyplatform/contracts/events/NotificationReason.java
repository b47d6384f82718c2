package com.therapyplatform.contracts.events;

/** Why a message goes out; at most one send per (intake, reason, channel). */
public enum NotificationReason {
    RECEIPT,
    CRISIS_RESOURCES,
    MATCH_CONFIRMATION,
    WAITLIST_NOTICE,
    CLINICIAN_NEW_CLIENT,
    ON_CALL_PAGE
}
