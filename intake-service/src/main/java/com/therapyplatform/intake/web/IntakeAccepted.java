package com.therapyplatform.intake.web;

/** The answer to an accepted submission: the broker has durably acknowledged the intake. */
public record IntakeAccepted(String intakeId, String status, String statusUrl) {
}
