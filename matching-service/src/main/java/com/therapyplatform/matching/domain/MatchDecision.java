package com.therapyplatform.matching.domain;

import java.util.List;

/** The outcome of matching one intake, with reason codes that explain it (no PHI). */
public sealed interface MatchDecision {

    record Assigned(Clinician clinician, boolean onCall, List<String> reasonCodes) implements MatchDecision {
    }

    record Waitlisted(List<String> unmetConstraints) implements MatchDecision {
    }
}
