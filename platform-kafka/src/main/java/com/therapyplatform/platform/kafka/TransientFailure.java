package com.therapyplatform.platform.kafka;

/**
 * A failure that will pass (a mail server that is down, a read model that has not caught up yet).
 * The record is retried in place with bounded back-off for as long as it takes, so the partition
 * keeps its order and nothing accepted is dropped.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String reasonCode, Throwable cause) {
        super(reasonCode, cause);
    }

    public TransientFailure(String reasonCode) {
        super(reasonCode, null, false, false);
    }

    /** The code this failure was raised with: safe to log, unlike a cause's message. */
    public String reasonCode() {
        return getMessage();
    }
}
