package com.therapyplatform.matching.domain;

/**
 * The codes that explain every decision. They name rules, never answers or scores, and none of them
 * reveals substance use (42 CFR Part 2): scope for substance use and for psychosis share one code.
 */
public final class ReasonCodes {

    // hard constraints (also reported as unmet on IntakeWaitlisted)
    public static final String LICENSED_IN_STATE = "LICENSED_IN_STATE";
    public static final String OFFERS_MODALITY = "OFFERS_MODALITY";
    public static final String SPEAKS_LANGUAGE = "SPEAKS_LANGUAGE";
    public static final String ACCEPTING_NEW_CLIENTS = "ACCEPTING_NEW_CLIENTS";
    /** Substance use needs SUD experience, paranoia psychosis experience: one code for both. */
    public static final String IN_SCOPE_SPECIALIZED_CARE = "IN_SCOPE_SPECIALIZED_CARE";
    public static final String HAS_CAPACITY = "HAS_CAPACITY";

    // soft rules
    public static final String SPECIALTY_FIT_RELATIONSHIP = "SPECIALTY_FIT_RELATIONSHIP";
    public static final String SPECIALTY_FIT_DEPRESSION = "SPECIALTY_FIT_DEPRESSION";
    public static final String GENDER_PREFERENCE_MET = "GENDER_PREFERENCE_MET";
    public static final String AVAILABILITY_OVERLAP = "AVAILABILITY_OVERLAP";
    public static final String BALANCED_CASELOAD = "BALANCED_CASELOAD";
    public static final String REMATCHED_FROM_WAITLIST = "REMATCHED_FROM_WAITLIST";

    // urgent lane
    public static final String ON_CALL_FOR_STATE = "ON_CALL_FOR_STATE";
    public static final String CRISIS_TRAINED = "CRISIS_TRAINED";
    public static final String LANGUAGE_MATCH = "LANGUAGE_MATCH";
    public static final String FEWEST_ON_CALL_ASSIGNMENTS = "FEWEST_ON_CALL_ASSIGNMENTS";
    public static final String NO_ON_CALL_COVER_FOR_STATE = "NO_ON_CALL_COVER_FOR_STATE";
    public static final String ASSIGNED_AFTER_COVER_MISSING = "ASSIGNED_AFTER_COVER_MISSING";

    // waitlist reasons
    public static final String NO_CLINICIAN_MEETS_ALL_CONSTRAINTS = "NO_CLINICIAN_MEETS_ALL_CONSTRAINTS";
    public static final String ALL_SUITABLE_CLINICIANS_FULL = "ALL_SUITABLE_CLINICIANS_FULL";

    private ReasonCodes() {
    }
}
