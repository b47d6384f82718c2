package com.therapyplatform.contracts;

/**
 * A record that can never be read as the expected event: a poison record for the dead-letter topic.
 * Its message is the reason code only, never a parser message (which may quote the record's PHI).
 */
public final class EventDecodingException extends RuntimeException {

    public enum Reason {
        UNPARSEABLE,
        UNKNOWN_EVENT_TYPE,
        UNSUPPORTED_SCHEMA_VERSION,
        INVALID_ENVELOPE,
        /** A table value (no envelope) of the wrong shape. */
        INVALID_VALUE
    }

    private final Reason reason;

    public EventDecodingException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
