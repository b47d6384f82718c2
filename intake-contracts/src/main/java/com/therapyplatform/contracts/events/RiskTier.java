package com.therapyplatform.contracts.events;

public enum RiskTier {
    /** No urgent finding. */
    NONE,
    /** Urgent, not acute: same-day safety follow-up. */
    ELEVATED,
    /** Imminent risk: ASQ question 5, or a stated plan or intent. */
    IMMINENT
}
