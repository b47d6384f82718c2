package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A roster in a map, as the desk sees it through the global store. */
final class MapRoster implements Desk.Roster {

    final Map<String, ClinicianProfile> clinicians = new LinkedHashMap<>();

    void put(ClinicianProfile... profiles) {
        for (ClinicianProfile profile : profiles) {
            clinicians.put(profile.id(), profile);
        }
    }

    @Override
    public Collection<ClinicianProfile> all() {
        return clinicians.values();
    }

    @Override
    public ClinicianProfile find(String clinicianId) {
        return clinicians.get(clinicianId);
    }
}
