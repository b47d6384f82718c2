package com.therapyplatform.triage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriageRulesTest {

    private final TriageRules rules = new TriageRules(Questionnaire.current());

    private TriageDecision assess(Intakes intake) {
        return rules.assess(intake.build());
    }

    private static InstrumentScore score(TriageDecision decision, String instrument) {
        return decision.scores().stream().filter(s -> s.instrument().equals(instrument)).findFirst().orElseThrow();
    }

    @Test
    void calmIntakeRaisesNothingAndStillReportsEveryRequiredScoreWithTheRulesVersion() {
        TriageDecision decision = assess(Intakes.calm());

        assertThat(decision.categories()).isEmpty();
        assertThat(decision.riskTier()).isEqualTo(RiskTier.NONE);
        assertThat(decision.reasonCodes()).isEmpty();
        assertThat(decision.sensitivity()).isEmpty();
        assertThat(decision.clinicalSensitivity()).isEmpty();
        assertThat(decision.rulesVersion()).isEqualTo(TriageRules.RULES_VERSION);
        assertThat(decision.scores()).extracting(InstrumentScore::instrument)
                .containsExactly("PHQ-9", "ASQ", "AUDIT-C", "CAGE-AID", "R-GPTS-B");
    }

    // ---------------------------------------------------------------- PHQ-9

    @ParameterizedTest
    @CsvSource({"0, minimal", "4, minimal", "5, mild", "9, mild", "10, moderate", "14, moderate",
            "15, moderately severe", "19, moderately severe", "20, severe", "24, severe"})
    void phq9TotalFallsInTheKroenkeBand(int total, String band) {
        InstrumentScore phq9 = score(assess(Intakes.calm().total(InstrumentId.PHQ9, total)), "PHQ-9");
        assertThat(phq9.total()).isEqualTo(total);
        assertThat(phq9.band()).isEqualTo(band);
    }

    @Test
    void phq9Total9IsNotPossibleDepressionButTotal10Is() {
        TriageDecision nine = assess(Intakes.calm().total(InstrumentId.PHQ9, 9));
        TriageDecision ten = assess(Intakes.calm().total(InstrumentId.PHQ9, 10));

        assertThat(nine.categories()).doesNotContain(Category.POSSIBLE_DEPRESSION);
        assertThat(score(nine, "PHQ-9").positive()).isFalse();
        assertThat(ten.categories()).containsExactly(Category.POSSIBLE_DEPRESSION);
        assertThat(ten.reasonCodes()).containsExactly("PHQ9_TOTAL_GE_10");
        assertThat(score(ten, "PHQ-9").positive()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void phq9Item9AboveZeroIsUrgentWhateverTheTotal(int item9) {
        TriageDecision decision = assess(Intakes.calm().answer("phq9.9", item9));

        assertThat(decision.categories()).containsExactly(Category.URGENT);
        assertThat(decision.riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(decision.reasonCodes()).containsExactly("PHQ9_ITEM9_POSITIVE");
    }

    // ---------------------------------------------------------------- ASQ

    @ParameterizedTest
    @ValueSource(strings = {"asq.1", "asq.2", "asq.3", "asq.4"})
    void asqYesOnAnyOfTheFirstFourIsUrgentWithElevatedRisk(String item) {
        TriageDecision decision = assess(Intakes.calm().answer(item, 1).answer("asq.5", 0));

        assertThat(decision.categories()).containsExactly(Category.URGENT);
        assertThat(decision.riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(decision.reasonCodes()).containsExactly("ASQ_POSITIVE");
        assertThat(score(decision, "ASQ").band()).isEqualTo("non-acute positive");
    }

    @Test
    void asqQuestion5YesIsImminentRisk() {
        TriageDecision decision = assess(Intakes.calm().answer("asq.3", 1).answer("asq.5", 1));

        assertThat(decision.riskTier()).isEqualTo(RiskTier.IMMINENT);
        assertThat(decision.reasonCodes()).containsExactly("ASQ_POSITIVE", "ASQ_Q5_ACUTE");
        assertThat(score(decision, "ASQ").band()).isEqualTo("acute positive");
    }

    @Test
    void asqQuestion5YesCountsEvenWhenTheFormWouldHaveSkippedIt() {
        TriageDecision decision = assess(Intakes.calm().answer("asq.5", 1));

        assertThat(decision.riskTier()).isEqualTo(RiskTier.IMMINENT);
        assertThat(decision.reasonCodes()).containsExactly("ASQ_Q5_ACUTE");
    }

    // ---------------------------------------------------------------- AUDIT-C, CAGE-AID

    @ParameterizedTest
    @CsvSource({"MALE, 3, false, ''", "MALE, 4, true, AUDITC_POSITIVE_MALE_GE_4",
            "FEMALE, 2, false, ''", "FEMALE, 3, true, AUDITC_POSITIVE_FEMALE_GE_3",
            "OTHER, 2, false, ''", "OTHER, 3, true, AUDITC_POSITIVE_OTHER_OR_UNSTATED_GE_3",
            "UNSTATED, 2, false, ''", "UNSTATED, 3, true, AUDITC_POSITIVE_OTHER_OR_UNSTATED_GE_3",
            "male, 3, false, ''", "female, 3, true, AUDITC_POSITIVE_FEMALE_GE_3"})
    void auditCCutOffDependsOnSex(String sex, int total, boolean positive, String reason) {
        TriageDecision decision = assess(Intakes.calm().sex(sex).total(InstrumentId.AUDITC, total));

        assertThat(score(decision, "AUDIT-C").positive()).isEqualTo(positive);
        assertThat(decision.categories().contains(Category.SUBSTANCE_USE)).isEqualTo(positive);
        assertThat(decision.reasonCodes()).isEqualTo(positive ? List.of(reason) : List.of());
    }

    @ParameterizedTest
    @NullSource
    void auditCUsesTheLowerCutOffWhenSexIsNotGiven(String sex) {
        TriageDecision decision = assess(Intakes.calm().sex(sex).total(InstrumentId.AUDITC, 3));

        assertThat(decision.reasonCodes()).containsExactly("AUDITC_POSITIVE_OTHER_OR_UNSTATED_GE_3");
    }

    @Test
    void cageAid1IsNegativeAnd2IsSubstanceUse() {
        assertThat(assess(Intakes.calm().answer("cageaid.2", 1)).categories()).isEmpty();
        TriageDecision two = assess(Intakes.calm().answer("cageaid.2", 1).answer("cageaid.4", 1));
        assertThat(two.categories()).containsExactly(Category.SUBSTANCE_USE);
        assertThat(two.reasonCodes()).containsExactly("CAGEAID_GE_2");
        assertThat(score(two, "CAGE-AID").total()).isEqualTo(2);
    }

    @Test
    void substanceUseLabelsBothEventsWithPart2() {
        TriageDecision decision = assess(Intakes.calm().concerns("ALCOHOL_OR_DRUG_USE"));

        assertThat(decision.categories()).containsExactly(Category.SUBSTANCE_USE);
        assertThat(decision.reasonCodes()).containsExactly("CONCERN_SUBSTANCE_SELECTED");
        assertThat(decision.sensitivity()).containsExactly(Sensitivity.PART2_SUBSTANCE_USE);
        assertThat(decision.clinicalSensitivity()).containsExactly(Sensitivity.PART2_SUBSTANCE_USE);
    }

    @Test
    void aNegativeAlcoholScreenAboveZeroLabelsOnlyTheClinicalView() {
        TriageDecision decision = assess(Intakes.calm().sex("MALE").answer("auditc.1", 1));

        assertThat(decision.categories()).isEmpty();
        assertThat(decision.sensitivity()).as("routing view reveals nothing").isEmpty();
        assertThat(decision.clinicalSensitivity()).as("its AUDIT-C score reveals drinking")
                .containsExactly(Sensitivity.PART2_SUBSTANCE_USE);
    }

    // ---------------------------------------------------------------- R-GPTS

    @ParameterizedTest
    @CsvSource({"4, average", "5, elevated", "10, elevated", "11, moderately severe", "17, moderately severe",
            "18, severe", "27, severe", "28, very severe", "40, very severe"})
    void rgptsPartBTotalFallsInTheFreemanBand(int total, String band) {
        assertThat(score(assess(Intakes.calm().total(InstrumentId.RGPTS_B, total)), "R-GPTS-B").band()).isEqualTo(band);
    }

    @Test
    void rgptsPartB10IsNotParanoiaBut11Is() {
        assertThat(assess(Intakes.calm().total(InstrumentId.RGPTS_B, 10)).categories()).isEmpty();
        TriageDecision eleven = assess(Intakes.calm().total(InstrumentId.RGPTS_B, 11));
        assertThat(eleven.categories()).containsExactly(Category.PARANOIA);
        assertThat(eleven.reasonCodes()).containsExactly("RGPTS_B_PERSECUTION_GE_11");
    }

    @ParameterizedTest
    @CsvSource({"0, average", "9, average", "10, elevated", "15, elevated", "16, moderately severe",
            "20, moderately severe", "21, severe", "24, severe", "25, very severe", "32, very severe"})
    void rgptsPartAIsScoredWhenAnsweredButRaisesNoCategory(int total, String band) {
        TriageDecision decision = assess(Intakes.calm().total(InstrumentId.RGPTS_A, total));

        assertThat(score(decision, "R-GPTS-A").band()).isEqualTo(band);
        assertThat(decision.categories()).isEmpty();
    }

    // ---------------------------------------------------------------- CSI-4, concerns

    private static Intakes partnered(int csi4Total) {
        return Intakes.calm().answer(Questionnaire.PARTNER_ITEM, 1).total(InstrumentId.CSI4, csi4Total);
    }

    @Test
    void csi4Of13IsRelationshipDistressAnd14IsNot() {
        TriageDecision thirteen = assess(partnered(13));
        TriageDecision fourteen = assess(partnered(14));

        assertThat(score(thirteen, "CSI-4").total()).isEqualTo(13);
        assertThat(thirteen.categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThat(thirteen.reasonCodes()).containsExactly("CSI4_LT_13_5");
        assertThat(fourteen.categories()).isEmpty();
        assertThat(score(fourteen, "CSI-4").positive()).isFalse();
    }

    @Test
    void csi4IsNotScoredForPeopleWithoutAPartner() {
        assertThat(assess(Intakes.calm()).scores()).extracting(InstrumentScore::instrument).doesNotContain("CSI-4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTNER_RELATIONSHIP", "FAMILY_RELATIONSHIPS", "FRIENDSHIPS", "REBUILDING_TRUST",
            "DIFFICULTY_TRUSTING", "DIFFICULTY_FEELING_LOVE"})
    void aSelectedRelationshipOrTrustConcernAloneIsEnough(String concern) {
        TriageDecision decision = assess(Intakes.calm().concerns(concern));

        assertThat(decision.categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThat(decision.reasonCodes()).containsExactly("CONCERN_RELATIONSHIP_SELECTED");
    }

    @Test
    void feelingEmptyOrNumbAloneRaisesNoCategory() {
        assertThat(assess(Intakes.calm().concerns("FEELING_EMPTY_OR_NUMB")).categories()).isEmpty();
    }

    // ---------------------------------------------------------------- GAD-7

    @ParameterizedTest
    @CsvSource({"0, minimal", "4, minimal", "5, mild", "9, mild", "10, moderate", "14, moderate", "15, severe",
            "21, severe"})
    void gad7IsScoredInSpitzerBandsWhenAnsweredAndRaisesNoCategory(int total, String band) {
        TriageDecision decision = assess(Intakes.calm().total(InstrumentId.GAD7, total));

        assertThat(score(decision, "GAD-7").band()).isEqualTo(band);
        assertThat(score(decision, "GAD-7").positive()).isEqualTo(total >= 10);
        assertThat(decision.categories()).isEmpty();
    }

    // ---------------------------------------------------------------- free text

    @Test
    void crisisLanguageInTheFreeTextIsUrgentWithElevatedRisk() {
        TriageDecision decision = assess(Intakes.calm().text("Some nights I don't want to live."));

        assertThat(decision.categories()).containsExactly(Category.URGENT);
        assertThat(decision.riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(decision.reasonCodes()).containsExactly("TEXT_CRISIS_LANGUAGE");
    }

    @Test
    void aStatedPlanInTheFreeTextIsImminentRisk() {
        TriageDecision decision = assess(Intakes.calm().text("Tengo un plan para quitarme la vida."));

        assertThat(decision.riskTier()).isEqualTo(RiskTier.IMMINENT);
        assertThat(decision.reasonCodes()).containsExactly("TEXT_PLAN_OR_INTENT");
    }

    @Test
    void riskTierIsTheHighestOfAllUrgentFindings() {
        TriageDecision decision = assess(Intakes.calm().answer("phq9.9", 1).answer("asq.1", 1).answer("asq.5", 1)
                .text("I want to die"));

        assertThat(decision.riskTier()).isEqualTo(RiskTier.IMMINENT);
        assertThat(decision.reasonCodes())
                .containsExactly("PHQ9_ITEM9_POSITIVE", "ASQ_POSITIVE", "ASQ_Q5_ACUTE", "TEXT_CRISIS_LANGUAGE");
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void disabledInstrumentsAreNeitherScoredNorRuled() {
        TriageRules withoutAcademic = new TriageRules(Questionnaire.current()
                .withDisabled(List.of(InstrumentId.RGPTS_B, InstrumentId.RGPTS_A, InstrumentId.CSI4)));
        IntakeSubmitted intake = Intakes.calm().without("rgpts_b.1").without("rgpts_b.2").without("rgpts_b.3")
                .without("rgpts_b.4").without("rgpts_b.5").without("rgpts_b.6").without("rgpts_b.7")
                .without("rgpts_b.8").without("rgpts_b.9").without("rgpts_b.10").without(Questionnaire.PARTNER_ITEM)
                .concerns("DIFFICULTY_TRUSTING").build();

        TriageDecision decision = withoutAcademic.assess(intake);

        assertThat(decision.scores()).extracting(InstrumentScore::instrument)
                .containsExactly("PHQ-9", "ASQ", "AUDIT-C", "CAGE-AID");
        assertThat(decision.categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThatThrownBy(() -> withoutAcademic.assess(Intakes.calm().build()))
                .isInstanceOf(InvalidAnswers.class).extracting("reasonCode").isEqualTo("ANSWER_UNKNOWN_ITEM");
    }

    // ---------------------------------------------------------------- invalid submissions

    @ParameterizedTest
    @CsvSource({"phq9.3, 7, ANSWER_NOT_AN_OPTION", "csi4.1, 1, ANSWER_MISSING", "phq9.10, 1, ANSWER_UNKNOWN_ITEM",
            "asq.2, -1, ANSWER_NOT_AN_OPTION"})
    void invalidAnswersAreRefusedWithAReasonCodeThatQuotesNoValue(String item, int value, String reason) {
        Intakes intake = Intakes.calm().answer(item, value);
        if (item.startsWith("csi4")) {
            intake.answer(Questionnaire.PARTNER_ITEM, 1); // CSI-4 asked, items 2-4 missing
        }
        assertThatThrownBy(() -> assess(intake)).isInstanceOf(InvalidAnswers.class)
                .hasMessage(reason).extracting("reasonCode").isEqualTo(reason);
    }

    @Test
    void missingRequiredItemAndUnknownConcernAreRefused() {
        assertThatThrownBy(() -> assess(Intakes.calm().without("auditc.3")))
                .extracting("reasonCode").isEqualTo("ANSWER_MISSING");
        assertThatThrownBy(() -> assess(Intakes.calm().concerns("LONELINESS")))
                .extracting("reasonCode").isEqualTo("CONCERN_UNKNOWN");
    }

    @Test
    void aQuestionnaireVersionThisBuildDoesNotKnowIsRefused() {
        IntakeSubmitted calm = Intakes.calm().build();
        IntakeSubmitted otherVersion = new IntakeSubmitted(calm.questionnaireId(), 2, calm.routing(), calm.sex(),
                calm.concerns(), calm.answers(), calm.freeText());
        IntakeSubmitted noId = new IntakeSubmitted(null, 1, calm.routing(), calm.sex(), calm.concerns(),
                calm.answers(), calm.freeText());

        for (IntakeSubmitted intake : List.of(otherVersion, noId)) {
            assertThatThrownBy(() -> rules.assess(intake)).extracting("reasonCode").isEqualTo("UNKNOWN_QUESTIONNAIRE");
        }
    }
}
