package com.therapyplatform.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionnaireTest {

    private final Questionnaire questionnaire = Questionnaire.current();

    /** Every asked item of every required instrument at its lowest value, with a partner (so CSI-4 is asked). */
    static Map<String, Integer> complete(Questionnaire questionnaire) {
        Map<String, Integer> answers = new HashMap<>();
        answers.put(Questionnaire.PARTNER_ITEM, 1);
        for (InstrumentId id : questionnaire.enabledInstruments()) {
            Instrument instrument = questionnaire.instrument(id).orElseThrow();
            if (instrument.requirement() == Requirement.REQUIRED) {
                instrument.items().stream().filter(item -> item.askedWhen().holds(answers))
                        .forEach(item -> answers.put(item.id(), item.minValue()));
            }
        }
        return answers;
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    @Test
    void currentIsAdultIntakeVersion1AndFindKnowsNoOtherVersion() {
        assertThat(questionnaire.id()).isEqualTo("adult-intake");
        assertThat(questionnaire.version()).isEqualTo(1);
        assertThat(Questionnaire.find("adult-intake", 1)).containsSame(questionnaire);
        assertThat(Questionnaire.find("adult-intake", 2)).isEmpty();
        assertThat(Questionnaire.find("child-intake", 1)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PHQ9, 9, 0, 27", "GAD7, 7, 0, 21", "ASQ, 5, 0, 5", "AUDITC, 3, 0, 12", "CAGEAID, 4, 0, 4",
            "RGPTS_B, 10, 0, 40", "RGPTS_A, 8, 0, 32", "CSI4, 4, 0, 21"})
    void instrumentHasTheItemsAndTotalRangeOfItsPublishedForm(InstrumentId id, int items, int min, int max) {
        Instrument instrument = questionnaire.instrument(id).orElseThrow();
        assertThat(instrument.size()).isEqualTo(items);
        assertThat(instrument.minTotal()).isEqualTo(min);
        assertThat(instrument.maxTotal()).isEqualTo(max);
        for (int n = 1; n <= items; n++) {
            assertThat(instrument.item(n).id()).isEqualTo(id.itemPrefix() + "." + n);
        }
    }

    @Test
    void itemIdsAreUniqueAcrossTheWholeQuestionnaire() {
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        questionnaire.definedInstruments().forEach(i -> i.items().forEach(item -> all.add(item.id())));
        questionnaire.sections().forEach(s -> s.items().forEach(item -> all.add(item.id())));
        assertThat(all).allMatch(seen::add);
    }

    @Test
    void loincCodesAreThoseOfTheClinicalReference() {
        Instrument phq9 = questionnaire.instrument(InstrumentId.PHQ9).orElseThrow();
        assertThat(phq9.loincPanel()).isEqualTo("44249-1");
        assertThat(phq9.loincTotal()).isEqualTo("44261-6");
        assertThat(phq9.item(9).loinc()).isEqualTo("44260-8");
        assertThat(questionnaire.instrument(InstrumentId.AUDITC).orElseThrow().loincPanel()).isEqualTo("72109-2");
        assertThat(questionnaire.instrument(InstrumentId.AUDITC).orElseThrow().loincTotal()).isEqualTo("75626-2");
        assertThat(questionnaire.instrument(InstrumentId.GAD7).orElseThrow().loincPanel()).isEqualTo("69737-5");
        assertThat(questionnaire.instrument(InstrumentId.GAD7).orElseThrow().loincTotal()).isEqualTo("70274-6");
    }

    @Test
    void academicInstrumentsCarryPlaceholderLabelsNotTheAuthorsWording() {
        for (InstrumentId id : List.of(InstrumentId.RGPTS_A, InstrumentId.RGPTS_B, InstrumentId.CSI4)) {
            Instrument instrument = questionnaire.instrument(id).orElseThrow();
            assertThat(instrument.publicWording()).isFalse();
            assertThat(instrument.items()).allMatch(item -> item.text().endsWith("(licensed wording)"));
        }
    }

    @Test
    void completeSubmissionIsValid() {
        assertThat(questionnaire.validate(complete(questionnaire), List.of("PARTNER_RELATIONSHIP"))).isEmpty();
    }

    @Test
    void valueOutsideTheOptionsIsReportedByPointerWithoutRepeatingTheValue() {
        Map<String, Integer> answers = complete(questionnaire);
        answers.put("phq9.3", 7);
        answers.put("csi4.1", 6);
        answers.put("csi4.2", 6);

        List<FieldError> errors = questionnaire.validate(answers, List.of());

        assertThat(pointers(errors)).containsExactly("/answers/phq9.3", "/answers/csi4.2");
        assertThat(errors).allMatch(e -> e.code().equals(FieldError.NOT_AN_OPTION) && !e.message().contains("7"));
    }

    @Test
    void missingItemOfARequiredInstrumentIsRequired() {
        Map<String, Integer> answers = complete(questionnaire);
        answers.remove("auditc.2");
        answers.remove("phq9.9");

        assertThat(questionnaire.validate(answers, List.of()))
                .extracting(FieldError::pointer, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/answers/phq9.9", FieldError.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("/answers/auditc.2", FieldError.REQUIRED));
    }

    @ParameterizedTest
    @CsvSource({"asq.1", "asq.2", "asq.3", "asq.4"})
    void asqAcuityQuestionIsRequiredOnceAnyOfTheFirstFourIsYes(String yes) {
        Map<String, Integer> answers = complete(questionnaire);
        assertThat(questionnaire.validate(answers, List.of())).isEmpty();
        answers.put(yes, 1);
        assertThat(pointers(questionnaire.validate(answers, List.of()))).containsExactly("/answers/asq.5");
        answers.put("asq.5", 0);
        assertThat(questionnaire.validate(answers, List.of())).isEmpty();
    }

    @Test
    void anAnswerToASkippedQuestionIsStillAcceptedBecauseSafetyAnswersAreNeverDiscarded() {
        Map<String, Integer> answers = complete(questionnaire);
        answers.put("asq.5", 1);
        assertThat(questionnaire.validate(answers, List.of())).isEmpty();
    }

    @Test
    void csi4IsAskedOnlyOfPeopleWithACurrentPartnerAndThePartnerQuestionIsRequired() {
        Map<String, Integer> answers = complete(questionnaire);
        answers.keySet().removeIf(id -> id.startsWith("csi4."));
        assertThat(pointers(questionnaire.validate(answers, List.of())))
                .containsExactly("/answers/csi4.1", "/answers/csi4.2", "/answers/csi4.3", "/answers/csi4.4");
        answers.put(Questionnaire.PARTNER_ITEM, 0);
        assertThat(questionnaire.validate(answers, List.of())).isEmpty();
        answers.remove(Questionnaire.PARTNER_ITEM);
        assertThat(pointers(questionnaire.validate(answers, List.of())))
                .containsExactly("/answers/" + Questionnaire.PARTNER_ITEM);
    }

    @Test
    void optionalInstrumentIsAllOrNothing() {
        Map<String, Integer> answers = complete(questionnaire);
        assertThat(questionnaire.validate(answers, List.of())).isEmpty();
        answers.put("gad7.1", 2);
        assertThat(pointers(questionnaire.validate(answers, List.of()))).containsExactly(
                "/answers/gad7.2", "/answers/gad7.3", "/answers/gad7.4", "/answers/gad7.5", "/answers/gad7.6",
                "/answers/gad7.7");
        answers.put("rgpts_a.8", 2);
        assertThat(pointers(questionnaire.validate(answers, List.of()))).contains("/answers/rgpts_a.1")
                .doesNotContain("/answers/rgpts_a.8");
    }

    @Test
    void disabledInstrumentIsNeitherRequiredNorAccepted() {
        Questionnaire withoutAcademic = questionnaire.withDisabled(List.of(InstrumentId.RGPTS_B, InstrumentId.RGPTS_A,
                InstrumentId.CSI4));
        Map<String, Integer> answers = complete(withoutAcademic);
        answers.remove(Questionnaire.PARTNER_ITEM); // the partner question goes with CSI-4
        assertThat(withoutAcademic.validate(answers, List.of())).isEmpty();
        assertThat(withoutAcademic.enabled(InstrumentId.CSI4)).isFalse();
        assertThat(withoutAcademic.instrument(InstrumentId.RGPTS_B)).isEmpty();

        answers.put("rgpts_b.1", 0);
        answers.put(Questionnaire.PARTNER_ITEM, 1);
        assertThat(withoutAcademic.validate(answers, List.of()))
                .extracting(FieldError::pointer, FieldError::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/answers/" + Questionnaire.PARTNER_ITEM,
                                FieldError.UNKNOWN_ITEM),
                        org.assertj.core.groups.Tuple.tuple("/answers/rgpts_b.1", FieldError.UNKNOWN_ITEM));
        assertThat(questionnaire.enabled(InstrumentId.CSI4)).as("the original is unchanged").isTrue();
    }

    @Test
    void unknownItemsAndConcernsAreReportedWithEscapedPointers() {
        Map<String, Integer> answers = complete(questionnaire);
        answers.put("phq9.10", 1);
        answers.put("a/b~c", 1);

        List<FieldError> errors = questionnaire.validate(answers, List.of("FRIENDSHIPS", "LONELINESS"));

        assertThat(pointers(errors)).containsExactly("/answers/a~1b~0c", "/answers/phq9.10", "/concerns/1");
        assertThat(errors.get(2).code()).isEqualTo(FieldError.UNKNOWN_CONCERN);
    }

    @Test
    void missingAnswersAndConcernsCountAsNoneSoEveryRequiredItemIsReported() {
        List<FieldError> errors = questionnaire.validate(null, null);

        assertThat(errors).isNotEmpty().allMatch(e -> e.code().equals(FieldError.REQUIRED));
        assertThat(pointers(errors)).startsWith("/answers/phq9.1").contains("/answers/" + Questionnaire.PARTNER_ITEM)
                .doesNotContain("/answers/asq.5", "/answers/gad7.1", "/answers/csi4.1");
    }

    @Test
    void concernsAndChoicesAreTheCodesTheFormUses() {
        assertThat(questionnaire.concerns()).extracting(Concern::code).containsExactly(
                "PARTNER_RELATIONSHIP", "FAMILY_RELATIONSHIPS", "FRIENDSHIPS", "REBUILDING_TRUST",
                "DIFFICULTY_TRUSTING", "DIFFICULTY_FEELING_LOVE", "FEELING_EMPTY_OR_NUMB", "ALCOHOL_OR_DRUG_USE");
        assertThat(questionnaire.concern("ALCOHOL_OR_DRUG_USE").orElseThrow().group())
                .isEqualTo(Concern.Group.SUBSTANCE_USE);
        assertThat(questionnaire.choices("/about/sex")).extracting(Choice::code)
                .containsExactly("FEMALE", "MALE", "OTHER", "UNSTATED");
        assertThat(questionnaire.choices("/preferences/modality")).extracting(Choice::code)
                .containsExactly("VIDEO", "PHONE", "MESSAGING");
        assertThat(questionnaire.choices("/preferences/clinicianGender")).extracting(Choice::code)
                .containsExactly("FEMALE", "MALE", "NONBINARY", "NO_PREFERENCE");
    }

    @Test
    void everySectionFieldWithCodedChoicesIsOnAPage() {
        Set<String> fields = new HashSet<>();
        questionnaire.sections().forEach(s -> fields.addAll(s.fields()));
        assertThat(fields).containsAll(questionnaire.allChoices().keySet());
    }
}
