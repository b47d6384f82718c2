package com.therapyplatform.contracts.events;

import java.util.List;

/**
 * What matching needs to route an intake, and nothing else: where the person is (licensure), how and
 * in which language they want to meet, and their stated preferences.
 */
public record RoutingProfile(
        String state,
        String language,
        Modality modality,
        String clinicianGender,
        List<String> availability) {

    public RoutingProfile {
        availability = availability == null ? List.of() : List.copyOf(availability);
    }
}
