package com.therapyplatform.intake.web;

/**
 * The answer to an accepted submission: the broker has durably acknowledged the intake.
 * {@code statusToken} is shown once; {@code GET statusUrl} with header {@code X-Status-Token} reads the status.
 */
public record IntakeAccepted(String intakeId, String status, String statusUrl, String statusToken) {
}
