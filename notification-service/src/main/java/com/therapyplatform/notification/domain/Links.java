package com.therapyplatform.notification.domain;

import java.util.Objects;

/**
 * Where messages point: the client's status page and the clinician's view of an intake. Anything
 * condition-specific stays behind these links (or in an e-mail body), never in a subject or an SMS.
 *
 * @param clientStatus    URL template with {@code {intakeId}}
 * @param clinicianIntake URL template with {@code {intakeId}}
 */
public record Links(String clientStatus, String clinicianIntake) {

    public Links {
        Objects.requireNonNull(clientStatus, "clientStatus");
        Objects.requireNonNull(clinicianIntake, "clinicianIntake");
    }

    String clientStatus(String intakeId) {
        return clientStatus.replace("{intakeId}", intakeId);
    }

    String clinicianIntake(String intakeId) {
        return clinicianIntake.replace("{intakeId}", intakeId);
    }
}
