package com.therapyplatform.triage.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import java.util.List;
import java.util.Set;

/**
 * What triage concluded and why: categories, risk tier, the scores and the reason codes behind them.
 *
 * @param sensitivity         labels of the routing view (categories only): Part 2 when SUBSTANCE_USE is raised
 * @param clinicalSensitivity labels of the clinical view, whose scores reveal more: Part 2 also when any
 *                            alcohol or drug item was answered above zero
 */
public record TriageDecision(
        Set<Category> categories,
        RiskTier riskTier,
        List<InstrumentScore> scores,
        List<String> reasonCodes,
        List<Sensitivity> sensitivity,
        List<Sensitivity> clinicalSensitivity,
        String rulesVersion) {

    public boolean urgent() {
        return categories.contains(Category.URGENT);
    }
}
