package com.therapyplatform.matching.messaging;

import com.therapyplatform.platform.kafka.FlowMetrics;

/** Matching's outcome counter: by lane and outcome only, never by intake or clinician. */
final class MatchingMetrics {

    static final String OUTCOMES = "therapy.matching.outcomes";
    static final String ASSIGNED = "assigned";
    static final String WAITLISTED = "waitlisted";
    /** An urgent intake found no on-call cover (escalated; alert on any increase). */
    static final String NO_ON_CALL_COVER = "no_on_call_cover";

    private MatchingMetrics() {
    }

    static void outcome(FlowMetrics metrics, String lane, String outcome) {
        metrics.counter(OUTCOMES, "Matching decisions: assigned, waitlisted, or no on-call cover for an urgent intake",
                "lane", lane, "outcome", outcome).increment();
    }
}
