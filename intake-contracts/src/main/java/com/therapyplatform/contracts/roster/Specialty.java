package com.therapyplatform.contracts.roster;

/** What a clinician is trained and experienced in; some are required by the intake's risk (scope). */
public enum Specialty {
    RELATIONSHIP,
    DEPRESSION,
    SUBSTANCE_USE,
    PSYCHOSIS,
    CRISIS
}
