package com.therapyplatform.triage.domain;

import static com.therapyplatform.triage.domain.Cutoffs.BRADLEY_2003_AUDITC_MEN;
import static com.therapyplatform.triage.domain.Cutoffs.BRADLEY_2003_AUDITC_WOMEN;
import static com.therapyplatform.triage.domain.Cutoffs.BROWN_ROUNDS_1995_CAGEAID;
import static com.therapyplatform.triage.domain.Cutoffs.FREEMAN_2021_RGPTS_A_BANDS;
import static com.therapyplatform.triage.domain.Cutoffs.FREEMAN_2021_RGPTS_A_MODERATELY_SEVERE;
import static com.therapyplatform.triage.domain.Cutoffs.FREEMAN_2021_RGPTS_B_BANDS;
import static com.therapyplatform.triage.domain.Cutoffs.FREEMAN_2021_RGPTS_B_PERSECUTION;
import static com.therapyplatform.triage.domain.Cutoffs.FUNK_ROGGE_2007_CSI4_DISTRESS_BELOW;
import static com.therapyplatform.triage.domain.Cutoffs.KROENKE_2001_PHQ9_BANDS;
import static com.therapyplatform.triage.domain.Cutoffs.KROENKE_2001_PHQ9_POSSIBLE_DEPRESSION;
import static com.therapyplatform.triage.domain.Cutoffs.NIMH_ASQ_YES;
import static com.therapyplatform.triage.domain.Cutoffs.PHQ9_ITEM9_SAFETY_FOLLOW_UP_ABOVE;
import static com.therapyplatform.triage.domain.Cutoffs.SPITZER_2006_GAD7_BANDS;
import static com.therapyplatform.triage.domain.Cutoffs.SPITZER_2006_GAD7_POSITIVE;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import com.therapyplatform.questionnaire.Concern;
import com.therapyplatform.questionnaire.FieldError;
import com.therapyplatform.questionnaire.Instrument;
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies an intake into zero or more categories. A screen, not a diagnosis: every category means
 * "flag for a clinician". Each rule adds a reason code, so every decision explains itself. Only the
 * instruments the questionnaire enables are scored, so the rules follow its configuration.
 */
public final class TriageRules {

    public static final String RULES_VERSION = "2026.11-2";

    // reason codes, spelled from the cut-offs they test so that code and number cannot drift apart
    public static final String PHQ9_TOTAL = "PHQ9_TOTAL_GE_" + KROENKE_2001_PHQ9_POSSIBLE_DEPRESSION;
    public static final String PHQ9_ITEM9 = "PHQ9_ITEM9_POSITIVE";
    public static final String ASQ_POSITIVE = "ASQ_POSITIVE";
    public static final String ASQ_ACUTE = "ASQ_Q5_ACUTE";
    public static final String TEXT_CRISIS = "TEXT_CRISIS_LANGUAGE";
    public static final String TEXT_PLAN_OR_INTENT = "TEXT_PLAN_OR_INTENT";
    public static final String AUDITC_MALE = "AUDITC_POSITIVE_MALE_GE_" + BRADLEY_2003_AUDITC_MEN;
    public static final String AUDITC_FEMALE = "AUDITC_POSITIVE_FEMALE_GE_" + BRADLEY_2003_AUDITC_WOMEN;
    public static final String AUDITC_OTHER = "AUDITC_POSITIVE_OTHER_OR_UNSTATED_GE_" + BRADLEY_2003_AUDITC_WOMEN;
    public static final String CAGEAID = "CAGEAID_GE_" + BROWN_ROUNDS_1995_CAGEAID;
    public static final String CONCERN_SUBSTANCE = "CONCERN_SUBSTANCE_SELECTED";
    public static final String RGPTS_B = "RGPTS_B_PERSECUTION_GE_" + FREEMAN_2021_RGPTS_B_PERSECUTION;
    public static final String CONCERN_RELATIONSHIP = "CONCERN_RELATIONSHIP_SELECTED";
    public static final String CSI4 = "CSI4_LT_" + String.valueOf(FUNK_ROGGE_2007_CSI4_DISTRESS_BELOW).replace('.', '_');

    /** Dead-letter reason when the submission names a questionnaire this build does not know. */
    public static final String UNKNOWN_QUESTIONNAIRE = "UNKNOWN_QUESTIONNAIRE";

    private static final List<Sensitivity> PART2 = List.of(Sensitivity.PART2_SUBSTANCE_USE);

    private final Questionnaire questionnaire;

    public TriageRules(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
    }

    public Questionnaire questionnaire() {
        return questionnaire;
    }

    /**
     * Scores and classifies a submission.
     *
     * @throws InvalidAnswers when the submission does not fit the questionnaire (a code, never a value)
     */
    public TriageDecision assess(IntakeSubmitted intake) {
        if (!questionnaire.id().equals(intake.questionnaireId())
                || questionnaire.version() != intake.questionnaireVersion()) {
            throw new InvalidAnswers(UNKNOWN_QUESTIONNAIRE);
        }
        List<FieldError> errors = questionnaire.validate(intake.answers(), intake.concerns());
        if (!errors.isEmpty()) {
            throw new InvalidAnswers(reasonCode(errors.get(0)));
        }
        Assessment assessment = new Assessment();
        Map<String, Integer> answers = intake.answers();
        int substanceAnswersAboveZero = 0;
        for (Instrument instrument : answered(answers)) {
            int total = instrument.total(answers);
            switch (instrument.id()) {
                case PHQ9 -> phq9(instrument, answers, total, assessment);
                case GAD7 -> assessment.score(instrument, total, SPITZER_2006_GAD7_BANDS.of(total),
                        total >= SPITZER_2006_GAD7_POSITIVE);
                case ASQ -> asq(instrument, answers, assessment);
                case AUDITC -> {
                    auditC(instrument, total, intake.sex(), assessment);
                    substanceAnswersAboveZero += total;
                }
                case CAGEAID -> {
                    boolean positive = total >= BROWN_ROUNDS_1995_CAGEAID;
                    assessment.score(instrument, total, positive ? "positive" : "negative", positive);
                    assessment.raiseIf(positive, Category.SUBSTANCE_USE, CAGEAID);
                    substanceAnswersAboveZero += total;
                }
                case RGPTS_B -> {
                    boolean positive = total >= FREEMAN_2021_RGPTS_B_PERSECUTION;
                    assessment.score(instrument, total, FREEMAN_2021_RGPTS_B_BANDS.of(total), positive);
                    assessment.raiseIf(positive, Category.PARANOIA, RGPTS_B);
                }
                case RGPTS_A -> assessment.score(instrument, total, FREEMAN_2021_RGPTS_A_BANDS.of(total),
                        total >= FREEMAN_2021_RGPTS_A_MODERATELY_SEVERE);
                case CSI4 -> {
                    boolean distress = total < FUNK_ROGGE_2007_CSI4_DISTRESS_BELOW;
                    assessment.score(instrument, total, distress ? "notable distress" : "no notable distress",
                            distress);
                    assessment.raiseIf(distress, Category.RELATIONSHIP_CONCERN, CSI4);
                }
            }
        }
        for (String code : intake.concerns()) {
            Concern.Group group = questionnaire.concern(code).orElseThrow().group();
            assessment.raiseIf(group == Concern.Group.RELATIONSHIP_OR_TRUST, Category.RELATIONSHIP_CONCERN,
                    CONCERN_RELATIONSHIP);
            assessment.raiseIf(group == Concern.Group.SUBSTANCE_USE, Category.SUBSTANCE_USE, CONCERN_SUBSTANCE);
        }
        switch (CrisisLanguage.scan(intake.freeText())) {
            case PLAN_OR_INTENT -> assessment.urgent(RiskTier.IMMINENT, TEXT_PLAN_OR_INTENT);
            case CRISIS -> assessment.urgent(RiskTier.ELEVATED, TEXT_CRISIS);
            case NONE -> {
            }
        }
        boolean substanceUse = assessment.categories.contains(Category.SUBSTANCE_USE);
        return new TriageDecision(assessment.categories, assessment.risk, assessment.scores, assessment.reasons,
                substanceUse ? PART2 : List.of(), substanceUse || substanceAnswersAboveZero > 0 ? PART2 : List.of(),
                RULES_VERSION);
    }

    /** Enabled instruments with at least one answer, in form order (optional ones may be skipped). */
    private List<Instrument> answered(Map<String, Integer> answers) {
        List<Instrument> answered = new ArrayList<>();
        for (InstrumentId id : InstrumentId.values()) {
            if (questionnaire.enabled(id)) {
                Instrument instrument = questionnaire.instrument(id).orElseThrow();
                if (instrument.answered(answers)) {
                    answered.add(instrument);
                }
            }
        }
        return answered;
    }

    private static void phq9(Instrument phq9, Map<String, Integer> answers, int total, Assessment assessment) {
        boolean positive = total >= KROENKE_2001_PHQ9_POSSIBLE_DEPRESSION;
        assessment.score(phq9, total, KROENKE_2001_PHQ9_BANDS.of(total), positive);
        assessment.raiseIf(positive, Category.POSSIBLE_DEPRESSION, PHQ9_TOTAL);
        if (answers.getOrDefault(phq9.item(9).id(), 0) > PHQ9_ITEM9_SAFETY_FOLLOW_UP_ABOVE) {
            assessment.urgent(RiskTier.ELEVATED, PHQ9_ITEM9);
        }
    }

    private static void asq(Instrument asq, Map<String, Integer> answers, Assessment assessment) {
        int yes = 0;
        for (int n = 1; n <= 4; n++) {
            if (answers.getOrDefault(asq.item(n).id(), 0) == NIMH_ASQ_YES) {
                yes++;
            }
        }
        // question 5 counts even when the form would have skipped it: an answer about now is never ignored
        boolean acute = answers.getOrDefault(asq.item(5).id(), 0) == NIMH_ASQ_YES;
        boolean positive = yes > 0 || acute;
        assessment.score(asq, yes, acute ? "acute positive" : positive ? "non-acute positive" : "negative", positive);
        if (yes > 0) {
            assessment.urgent(RiskTier.ELEVATED, ASQ_POSITIVE);
        }
        if (acute) {
            assessment.urgent(RiskTier.IMMINENT, ASQ_ACUTE);
        }
    }

    private static void auditC(Instrument auditC, int total, String sex, Assessment assessment) {
        boolean male = "MALE".equalsIgnoreCase(sex);
        // CLINICAL.md: women's (lower) cut-off for women, other and unstated sex
        int cutoff = male ? BRADLEY_2003_AUDITC_MEN : BRADLEY_2003_AUDITC_WOMEN;
        boolean positive = total >= cutoff;
        assessment.score(auditC, total, positive ? "positive" : "negative", positive);
        String reason = male ? AUDITC_MALE : "FEMALE".equalsIgnoreCase(sex) ? AUDITC_FEMALE : AUDITC_OTHER;
        assessment.raiseIf(positive, Category.SUBSTANCE_USE, reason);
    }

    private static String reasonCode(FieldError error) {
        return switch (error.code()) {
            case FieldError.NOT_AN_OPTION -> "ANSWER_NOT_AN_OPTION";
            case FieldError.REQUIRED -> "ANSWER_MISSING";
            case FieldError.UNKNOWN_ITEM -> "ANSWER_UNKNOWN_ITEM";
            case FieldError.UNKNOWN_CONCERN -> "CONCERN_UNKNOWN";
            default -> "ANSWERS_INVALID";
        };
    }

    /** Collects one decision; a category or reason is added once, the risk tier only rises. */
    private static final class Assessment {
        final Set<Category> categories = EnumSet.noneOf(Category.class);
        final List<InstrumentScore> scores = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        RiskTier risk = RiskTier.NONE;

        void score(Instrument instrument, int total, String band, boolean positive) {
            scores.add(new InstrumentScore(instrument.id().code(), total, band, positive));
        }

        void raiseIf(boolean condition, Category category, String reason) {
            if (condition) {
                categories.add(category);
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }

        void urgent(RiskTier tier, String reason) {
            raiseIf(true, Category.URGENT, reason);
            if (tier.compareTo(risk) > 0) {
                risk = tier;
            }
        }
    }
}
