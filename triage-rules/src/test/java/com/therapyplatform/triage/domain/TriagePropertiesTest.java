package com.therapyplatform.triage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.questionnaire.Concern;
import com.therapyplatform.questionnaire.Instrument;
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Item;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.testsupport.SampleEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties that must hold for every submission: PHQ-9 enumerated exhaustively (4^9 answer sets),
 * the whole questionnaire by seeded random generation (the seed is in every failure message, so a
 * failure can be replayed). Plain JUnit on purpose: no property-testing library.
 */
class TriagePropertiesTest {

    private static final long SEED = 20261127L;
    private static final int RANDOM_INTAKES = 1_000;
    private static final List<String> SEXES = java.util.Arrays.asList("MALE", "FEMALE", "OTHER", "UNSTATED", null);

    private final Questionnaire questionnaire = Questionnaire.current();
    private final TriageRules rules = new TriageRules(questionnaire);

    @Test
    void everyPhq9AnswerSetScoresInRangeAndIsClassifiedByTotalAndItem9() {
        Map<String, Integer> answers = new HashMap<>(SampleEvents.completeAnswers(Map.of()));
        int[] items = new int[9];
        int combinations = 0;
        for (int code = 0; code < 1 << 18; code++) {
            int total = 0;
            for (int i = 0; i < 9; i++) {
                items[i] = (code >> (2 * i)) & 3;
                total += items[i];
                answers.put(InstrumentId.PHQ9.itemId(i + 1), items[i]);
            }
            TriageDecision decision = rules.assess(intake(answers, "FEMALE", List.of()));
            InstrumentScore phq9 = decision.scores().get(0);

            // plain checks: an assertion object per combination would cost more than the triage itself
            if (phq9.total() != total || total < 0 || total > 27
                    || decision.categories().contains(Category.POSSIBLE_DEPRESSION) != total >= 10
                    || decision.categories().contains(Category.URGENT) != items[8] > 0
                    || (decision.riskTier() == RiskTier.ELEVATED) != items[8] > 0) {
                throw new AssertionError("PHQ-9 answers " + java.util.Arrays.toString(items) + " gave " + decision);
            }
            combinations++;
        }
        assertThat(combinations).isEqualTo(262_144);
    }

    @Test
    void movingAnyAnswerTowardMoreDistressNeverRemovesACategoryNorLowersTheRisk() {
        Random random = new Random(SEED);
        for (int n = 0; n < RANDOM_INTAKES; n++) {
            Map<String, Integer> answers = randomAnswers(random);
            String sex = SEXES.get(random.nextInt(SEXES.size()));
            List<String> concerns = randomConcerns(random);
            TriageDecision before = rules.assess(intake(answers, sex, concerns));

            for (Item item : distressItems()) {
                int current = answers.get(item.id());
                int worse = item.id().startsWith("csi4.") ? current - 1 : current + 1; // CSI-4: lower is worse
                if (!item.allows(worse)) {
                    continue;
                }
                Map<String, Integer> moved = new HashMap<>(answers);
                moved.put(item.id(), worse);
                TriageDecision after = rules.assess(intake(moved, sex, concerns));
                if (!after.categories().containsAll(before.categories())
                        || after.riskTier().compareTo(before.riskTier()) < 0) {
                    throw new AssertionError("seed " + SEED + ", intake " + n + ": raising " + item.id()
                            + " changed " + before.categories() + "/" + before.riskTier() + " to "
                            + after.categories() + "/" + after.riskTier());
                }
            }
            for (Concern concern : questionnaire.concerns()) {
                if (!concerns.contains(concern.code())) {
                    List<String> more = new ArrayList<>(concerns);
                    more.add(concern.code());
                    assertThat(rules.assess(intake(answers, sex, more)).categories())
                            .as("seed %d, intake %d: ticking %s", SEED, n, concern.code())
                            .containsAll(before.categories());
                }
            }
        }
    }

    @Test
    void everyTotalStaysInItsInstrumentsRangeAndItem9AboveZeroIsAlwaysUrgent() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < RANDOM_INTAKES; n++) {
            Map<String, Integer> answers = randomAnswers(random);
            TriageDecision decision = rules.assess(intake(answers, SEXES.get(random.nextInt(SEXES.size())),
                    randomConcerns(random)));

            for (InstrumentScore score : decision.scores()) {
                Instrument instrument = instrument(score.instrument());
                int max = instrument.id() == InstrumentId.ASQ ? 4 : instrument.maxTotal(); // ASQ counts yes on 1-4
                assertThat(score.total()).as("seed %d, intake %d: %s", SEED + 1, n, score.instrument())
                        .isBetween(instrument.minTotal(), max);
            }
            if (answers.get("phq9.9") > 0) {
                assertThat(decision.categories()).as("seed %d, intake %d", SEED + 1, n).contains(Category.URGENT);
                assertThat(decision.riskTier()).isNotEqualTo(RiskTier.NONE);
            }
            assertThat(decision.urgent()).isEqualTo(decision.riskTier() != RiskTier.NONE);
        }
    }

    private Instrument instrument(String code) {
        return questionnaire.definedInstruments().stream().filter(i -> i.id().code().equals(code)).findFirst()
                .orElseThrow();
    }

    /** Items whose higher value means more distress (CSI-4: lower), all of them answered by {@link #randomAnswers}. */
    private List<Item> distressItems() {
        List<Item> items = new ArrayList<>();
        questionnaire.definedInstruments().forEach(instrument -> items.addAll(instrument.items()));
        return items;
    }

    /** Every item of every instrument answered at random, with a partner so CSI-4 is asked. */
    private Map<String, Integer> randomAnswers(Random random) {
        Map<String, Integer> answers = new HashMap<>();
        answers.put(Questionnaire.PARTNER_ITEM, 1);
        for (Instrument instrument : questionnaire.definedInstruments()) {
            for (Item item : instrument.items()) {
                // skew toward the low end, where the cut-offs are
                int span = item.maxValue() - item.minValue() + 1;
                int value = item.minValue() + Math.min(random.nextInt(span), random.nextInt(span));
                answers.put(item.id(), value);
            }
        }
        return answers;
    }

    private List<String> randomConcerns(Random random) {
        List<String> concerns = new ArrayList<>();
        for (Concern concern : questionnaire.concerns()) {
            if (random.nextInt(6) == 0) {
                concerns.add(concern.code());
            }
        }
        return concerns;
    }

    private static IntakeSubmitted intake(Map<String, Integer> answers, String sex, List<String> concerns) {
        return new IntakeSubmitted("adult-intake", 1, SampleEvents.routing("CA"), sex, concerns, answers, null);
    }
}
