package com.therapyplatform.notification.channel;

/** A message that can never be delivered as addressed (invalid address, provider 4xx). */
public class UndeliverableMessage extends RuntimeException {

    private final String failureCode;

    public UndeliverableMessage(String failureCode) {
        super(failureCode, null, false, false);
        this.failureCode = failureCode;
    }

    public String failureCode() {
        return failureCode;
    }
}
