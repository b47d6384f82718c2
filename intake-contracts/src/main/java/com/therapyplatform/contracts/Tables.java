package com.therapyplatform.contracts;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.List;

/** The v1 table catalog: the value type of each compacted contract topic. */
public final class Tables {

    public static final TableType<ClinicianProfile> CLINICIAN_PROFILE =
            new TableType<>("ClinicianProfile", 1, ClinicianProfile.class, Topics.CLINICIANS);

    public static final List<TableType<?>> ALL = List.of(CLINICIAN_PROFILE);

    private Tables() {
    }
}
