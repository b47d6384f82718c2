package com.therapyplatform.notification.domain;

/**
 * A message template. Its id and version go into every NotificationSent, so the audit trail says which
 * wording went out; raise the version whenever the wording changes. Ids never reveal a category (the
 * notification events carry no sensitivity label).
 */
public enum Template {
    RECEIPT("receipt", 2),
    CRISIS_RESOURCES("crisis-resources", 2),
    MATCH_CONFIRMATION("match-confirmation", 2),
    WAITLIST_NOTICE("waitlist-notice", 2),
    /** For people who said it is not safe to leave messages: says only that there is an update. */
    MINIMAL("minimal", 2),
    CLINICIAN_NEW_CLIENT("clinician-new-client", 1),
    ON_CALL_PAGE("on-call-page", 1);

    private final String id;
    private final int version;

    Template(String id, int version) {
        this.id = id;
        this.version = version;
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }
}
