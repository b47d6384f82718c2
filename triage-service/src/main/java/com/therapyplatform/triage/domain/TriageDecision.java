package com.therapyplatform.triage.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import java.util.List;
import java.util.Set;

/** What triage concluded and why: categories, risk tier, the scores and the reason codes behind them. */
public record TriageDecision(
        Set<Category> categories,
        RiskTier riskTier,
        List<InstrumentScore> scores,
        List<String> reasonCodes,
        List<Sensitivity> sensitivity,
        String rulesVersion) {

    public boolean urgent() {
        return categories.contains(Category.URGENT);
    }
}
