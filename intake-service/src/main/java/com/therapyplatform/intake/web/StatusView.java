package com.therapyplatform.intake.web;

import com.therapyplatform.intake.status.IntakeStatus;
import java.util.List;

/**
 * What the person sees about their intake. Urgent intakes get the crisis resources at once, whatever
 * the phase (CLINICAL.md: 988 call, text or chat; Crisis Text Line; 911 in immediate danger).
 */
record StatusView(String intakeId, String status, String message, Clinician clinician,
        List<CrisisResource> crisisResources) {

    record Clinician(String displayName, String credentials) {
    }

    record CrisisResource(String name, String howToReach) {
    }

    static final List<CrisisResource> CRISIS_RESOURCES = List.of(
            new CrisisResource("988 Suicide & Crisis Lifeline", "Call or text 988, or chat at 988lifeline.org"),
            new CrisisResource("Crisis Text Line", "Text HOME to 741741"),
            new CrisisResource("Emergency services", "Call 911 if you are in immediate danger"));

    static StatusView of(String intakeId, IntakeStatus status) {
        String message = switch (status.phase()) {
            case RECEIVED -> "We have received your answers.";
            case IN_REVIEW -> "Your answers are being reviewed.";
            case WAITLISTED -> "You are on our waitlist. We will contact you as soon as a clinician who fits "
                    + "your needs has room.";
            case MATCHED -> "You have been matched with " + status.clinicianDisplayName() + ", "
                    + status.clinicianCredentials() + ". They will contact you to arrange your first session.";
        };
        if (status.urgent()) {
            message = "Your answers tell us you may need support right now. Please reach out to one of these "
                    + "services now; a crisis clinician will also contact you today. " + message;
        }
        Clinician clinician = status.phase() == IntakeStatus.Phase.MATCHED
                ? new Clinician(status.clinicianDisplayName(), status.clinicianCredentials())
                : null;
        return new StatusView(intakeId, status.phase().name(), message, clinician,
                status.urgent() ? CRISIS_RESOURCES : List.of());
    }
}
