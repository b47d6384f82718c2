package com.therapyplatform.platform.kafka;

/**
 * A record that can never be processed, however often it is retried (for example answers that fail
 * validation). It goes to the dead-letter topic at once. The reason code is the only text it carries:
 * never put input values in it.
 */
public class PoisonRecordException extends RuntimeException {

    private final String reasonCode;

    public PoisonRecordException(String reasonCode) {
        super(reasonCode, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
