package com.therapyplatform.questionnaire;

/** Whether an enabled instrument must be answered. */
public enum Requirement {
    /** Every asked item must be answered. */
    REQUIRED,
    /** All or nothing: skipped entirely, or every asked item answered (a partial score would mislead). */
    OPTIONAL
}
