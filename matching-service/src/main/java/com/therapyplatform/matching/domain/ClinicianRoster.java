package com.therapyplatform.matching.domain;

import java.util.Collection;

/** The clinicians matching may choose from. */
public interface ClinicianRoster {

    Collection<Clinician> clinicians();
}
