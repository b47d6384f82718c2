package com.therapyplatform.triage.domain;

import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Item;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.testsupport.SampleEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Submissions for rule tests: complete answers with the least distress, changed one fact at a time. */
final class Intakes {

    private final Map<String, Integer> answers = new HashMap<>(SampleEvents.completeAnswers(Map.of()));
    private String sex = "FEMALE";
    private List<String> concerns = List.of();
    private String freeText;

    static Intakes calm() {
        return new Intakes();
    }

    Intakes answer(String itemId, int value) {
        answers.put(itemId, value);
        return this;
    }

    /**
     * Answers every item of {@code id}, filling from the first item up to each item's highest value
     * until {@code total} is reached (so a PHQ-9 total up to 24 leaves item 9 at 0).
     */
    Intakes total(InstrumentId id, int total) {
        int left = total;
        for (Item item : Questionnaire.current().instrument(id).orElseThrow().items()) {
            int value = Math.min(item.maxValue(), left);
            answers.put(item.id(), value);
            left -= value;
        }
        if (left > 0) {
            throw new IllegalArgumentException(id + " cannot total " + total);
        }
        return this;
    }

    Intakes without(String itemId) {
        answers.remove(itemId);
        return this;
    }

    Intakes sex(String value) {
        sex = value;
        return this;
    }

    Intakes concerns(String... codes) {
        concerns = List.of(codes);
        return this;
    }

    Intakes text(String value) {
        freeText = value;
        return this;
    }

    IntakeSubmitted build() {
        return new IntakeSubmitted("adult-intake", 1, SampleEvents.routing("CA"), sex, concerns, answers, freeText);
    }
}
