package com.therapyplatform.contracts.roster;

import com.therapyplatform.contracts.events.Modality;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One clinician on the roster: the value on compacted {@code clinicians.v1}, keyed by {@link #id()}; a
 * tombstone (null value) removes the clinician. Not client PHI. The work contact fields are for
 * clinician-side notifications (new client, on-call page) and are never shown to clients.
 *
 * @param caseloadCapacity   routine clients this clinician can hold at once (on-call cover is counted apart)
 * @param onCallSchedule     weekly shifts during which this clinician is on-call crisis cover
 * @param availability       session slots offered, in the intake form's vocabulary (e.g. WEEKDAY_EVENING)
 */
public record ClinicianProfile(
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
        List<OnCallShift> onCallSchedule,
        Set<String> availability,
        String workEmail,
        String workMobile) {

    public ClinicianProfile {
        Objects.requireNonNull(id, "id");
        licensedStates = licensedStates == null ? Set.of() : Set.copyOf(licensedStates);
        modalities = modalities == null ? Set.of() : Set.copyOf(modalities);
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        specialties = specialties == null ? Set.of() : Set.copyOf(specialties);
        onCallSchedule = onCallSchedule == null ? List.of() : List.copyOf(onCallSchedule);
        availability = availability == null ? Set.of() : Set.copyOf(availability);
    }
}
