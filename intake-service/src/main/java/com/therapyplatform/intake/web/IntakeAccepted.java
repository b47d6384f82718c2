package com.therapyplatform.intake.web;

/**
 * The answer to an accepted submission: the broker has durably acknowledged the intake.
 * {@code statusToken} is shown once (and again to a retry under the same {@code Idempotency-Key});
 * {@code GET statusUrl} with header {@code X-Status-Token} reads the status.
 */
public record IntakeAccepted(String intakeId, String status, String statusUrl, String statusToken) {

    static IntakeAccepted received(String intakeId, String statusToken) {
        return new IntakeAccepted(intakeId, "RECEIVED", "/api/v1/intakes/" + intakeId, statusToken);
    }
}
