package com.therapyplatform.contracts.events;

import java.util.List;
import java.util.Set;

/** The routing view of a triage decision: no answers, no scores, no free text. */
public record IntakeTriaged(
        RoutingProfile routing,
        Set<Category> categories,
        RiskTier riskTier,
        List<Sensitivity> sensitivity,
        String rulesVersion) {

    public IntakeTriaged {
        categories = Set.copyOf(categories);
        sensitivity = sensitivity == null ? List.of() : List.copyOf(sensitivity);
    }
}
