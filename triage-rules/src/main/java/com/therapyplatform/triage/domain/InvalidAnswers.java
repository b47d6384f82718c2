package com.therapyplatform.triage.domain;

/** Answers that no rule can score (missing item, value out of range). Carries a code, never a value. */
public class InvalidAnswers extends RuntimeException {

    private final String reasonCode;

    public InvalidAnswers(String reasonCode) {
        super(reasonCode, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
