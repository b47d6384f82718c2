package com.therapyplatform.contracts.events;

import java.util.List;
import java.util.Set;

/** The clinical view of a triage decision (scores and reasons), for clinicians and audit only. */
public record TriageAssessed(
        List<InstrumentScore> scores,
        Set<Category> categories,
        RiskTier riskTier,
        List<String> reasonCodes,
        List<Sensitivity> sensitivity,
        String rulesVersion) {

    public TriageAssessed {
        scores = List.copyOf(scores);
        categories = Set.copyOf(categories);
        reasonCodes = List.copyOf(reasonCodes);
        sensitivity = sensitivity == null ? List.of() : List.copyOf(sensitivity);
    }
}
