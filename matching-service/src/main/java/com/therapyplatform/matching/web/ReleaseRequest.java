package com.therapyplatform.matching.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/v1/clinicians/{id}/releases}: the intake whose engagement ended. */
record ReleaseRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be an intake id") String intakeId) {
}
