package com.therapyplatform.triage.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Classifies an intake into zero or more categories. A screen, not a diagnosis: every category means
 * "flag for a clinician". Each rule adds a reason code, so every decision explains itself.
 */
public final class TriageRules {

    public static final String RULES_VERSION = "2026.11-1";

    static final Set<String> RELATIONSHIP_CONCERNS = Set.of(
            "PARTNER_RELATIONSHIP", "FAMILY_RELATIONSHIPS", "FRIENDSHIPS", "REBUILDING_TRUST",
            "DIFFICULTY_TRUSTING", "DIFFICULTY_FEELING_LOVE");
    static final String SUBSTANCE_CONCERN = "ALCOHOL_OR_DRUG_USE";

    public TriageDecision assess(IntakeSubmitted intake) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        List<InstrumentScore> scores = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        RiskTier risk = RiskTier.NONE;

        int[] phq9 = Phq9.answers(intake.answers());
        if (phq9 != null) {
            int total = Phq9.total(phq9);
            boolean positive = total >= Phq9.POSSIBLE_DEPRESSION_CUTOFF;
            scores.add(new InstrumentScore(Phq9.ID, total, Phq9.band(total), positive));
            if (positive) {
                categories.add(Category.POSSIBLE_DEPRESSION);
                reasons.add("PHQ9_TOTAL_GE_10");
            }
            if (Phq9.item9Positive(phq9)) {
                categories.add(Category.URGENT);
                reasons.add("PHQ9_ITEM9_POSITIVE");
                risk = RiskTier.ELEVATED;
            }
        }
        if (intake.concerns().stream().anyMatch(RELATIONSHIP_CONCERNS::contains)) {
            categories.add(Category.RELATIONSHIP_CONCERN);
            reasons.add("CONCERN_RELATIONSHIP_SELECTED");
        }
        List<Sensitivity> sensitivity = new ArrayList<>();
        if (intake.concerns().contains(SUBSTANCE_CONCERN)) {
            categories.add(Category.SUBSTANCE_USE);
            reasons.add("CONCERN_SUBSTANCE_SELECTED");
            sensitivity.add(Sensitivity.PART2_SUBSTANCE_USE);
        }
        return new TriageDecision(categories, risk, scores, reasons, sensitivity, RULES_VERSION);
    }
}
