package com.therapyplatform.contracts.events;

/** Triage flags. Each one means "flag for a clinician", never a diagnosis. */
public enum Category {
    RELATIONSHIP_CONCERN,
    POSSIBLE_DEPRESSION,
    PARANOIA,
    SUBSTANCE_USE,
    URGENT
}
