package com.therapyplatform.contracts.events;

import java.util.List;

/** A clinician took the intake. Reason codes explain the choice without any PHI. */
public record ClinicianAssigned(
        String clinicianId,
        String clinicianDisplayName,
        String credentials,
        boolean onCall,
        List<String> reasonCodes) {

    public ClinicianAssigned {
        reasonCodes = List.copyOf(reasonCodes);
    }
}
