package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.events.Modality;
import java.util.Set;

/**
 * A licensed clinician on the roster.
 *
 * @param onCallStates states for which this clinician is the on-call crisis cover now
 */
public record Clinician(
        String id,
        String displayName,
        String credentials,
        Set<String> licensedStates,
        Set<Modality> modalities,
        Set<String> languages,
        String gender,
        Set<Specialty> specialties,
        int caseloadCapacity,
        boolean acceptingNewClients,
        Set<String> onCallStates) {

    public Clinician {
        licensedStates = Set.copyOf(licensedStates);
        modalities = Set.copyOf(modalities);
        languages = Set.copyOf(languages);
        specialties = Set.copyOf(specialties);
        onCallStates = onCallStates == null ? Set.of() : Set.copyOf(onCallStates);
    }
}
