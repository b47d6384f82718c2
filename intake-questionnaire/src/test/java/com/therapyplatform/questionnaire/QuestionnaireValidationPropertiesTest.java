package com.therapyplatform.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of validation over whole spaces (exhaustive where small, seeded random where not), checked
 * against expectations computed here from the published options, not from the validator's own helpers.
 */
class QuestionnaireValidationPropertiesTest {

    private final Questionnaire questionnaire = Questionnaire.current();

    /** Every item of every enabled instrument answered at its lowest option, with a partner and ASQ-5. */
    private Map<String, Integer> everythingAnswered() {
        Map<String, Integer> answers = new HashMap<>();
        answers.put(Questionnaire.PARTNER_ITEM, 1);
        for (Item item : allItems()) {
            answers.put(item.id(), lowestOption(item));
        }
        return answers;
    }

    private List<Item> allItems() {
        List<Item> items = new ArrayList<>();
        for (InstrumentId id : questionnaire.enabledInstruments()) {
            items.addAll(questionnaire.instrument(id).orElseThrow().items());
        }
        return items;
    }

    private static Set<Integer> optionValues(Item item) {
        return item.options().stream().map(AnswerOption::value).collect(Collectors.toSet());
    }

    private static int lowestOption(Item item) {
        return optionValues(item).stream().min(Integer::compare).orElseThrow();
    }

    private static int highestOption(Item item) {
        return optionValues(item).stream().max(Integer::compare).orElseThrow();
    }

    private Set<String> errorPointers(Map<String, Integer> answers) {
        return questionnaire.validate(answers, List.of()).stream().map(FieldError::pointer)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyItemAcceptsExactlyItsPublishedOptionsAcrossAndBeyondItsRange() {
        int checked = 0;
        for (Item item : allItems()) {
            for (int value = lowestOption(item) - 3; value <= highestOption(item) + 3; value++) {
                Map<String, Integer> answers = everythingAnswered();
                answers.put(item.id(), value);
                Set<String> expected = optionValues(item).contains(value) ? Set.of()
                        : Set.of(FieldError.answerPointer(item.id()));
                assertThat(errorPointers(answers)).as("%s = %d", item.id(), value).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).as("values checked").isGreaterThan(400);
    }

    @Test
    void asqQuestion5AndCsi4AreRequiredExactlyWhenTheirConditionHoldsInEveryCombination() {
        // ASQ 1-4 each no/yes (16) x ASQ-5 unanswered/no/yes (3) x partner and CSI-4 (3) = 144 intakes
        for (int asqBits = 0; asqBits < 16; asqBits++) {
            for (int asq5 = -1; asq5 <= 1; asq5++) {
                for (int partnerCase = 0; partnerCase < 3; partnerCase++) {
                    Map<String, Integer> answers = everythingAnswered();
                    for (int i = 0; i < 4; i++) {
                        answers.put("asq." + (i + 1), (asqBits >> i) & 1);
                    }
                    if (asq5 < 0) {
                        answers.remove("asq.5");
                    } else {
                        answers.put("asq.5", asq5);
                    }
                    boolean partner = partnerCase != 2;
                    boolean csi4Answered = partnerCase == 0;
                    answers.put(Questionnaire.PARTNER_ITEM, partner ? 1 : 0);
                    if (!csi4Answered) {
                        answers.keySet().removeIf(id -> id.startsWith("csi4."));
                    }

                    Set<String> expected = new TreeSet<>();
                    if (asqBits != 0 && asq5 < 0) {
                        expected.add(FieldError.answerPointer("asq.5"));
                    }
                    if (partner && !csi4Answered) {
                        for (int i = 1; i <= 4; i++) {
                            expected.add(FieldError.answerPointer("csi4." + i));
                        }
                    }
                    assertThat(errorPointers(answers))
                            .as("asq bits %s, asq.5 %d, partner case %d", Integer.toBinaryString(asqBits), asq5,
                                    partnerCase)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void seededRandomIntakesReportExactlyTheAnswersThatAreNotOptions() {
        Random random = new Random(20261127L);
        List<Item> items = allItems();
        for (int run = 0; run < 2_000; run++) {
            Map<String, Integer> answers = everythingAnswered();
            Set<String> expected = new TreeSet<>();
            for (Item item : items) {
                // mostly valid, sometimes one step outside the range, occasionally far outside
                int roll = random.nextInt(20);
                int value = roll == 0 ? lowestOption(item) - 1 - random.nextInt(100)
                        : roll == 1 ? highestOption(item) + 1 + random.nextInt(100)
                        : lowestOption(item) + random.nextInt(highestOption(item) - lowestOption(item) + 1);
                answers.put(item.id(), value);
                if (!optionValues(item).contains(value)) {
                    expected.add(FieldError.answerPointer(item.id()));
                }
            }
            assertThat(errorPointers(answers)).as("run %d", run).isEqualTo(expected);
        }
    }
}
