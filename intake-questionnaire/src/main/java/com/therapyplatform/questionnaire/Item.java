package com.therapyplatform.questionnaire;

import java.util.List;
import java.util.Objects;

/**
 * One question with a stable id (e.g. {@code phq9.9}): the id is what {@code answers} is keyed by, so
 * it never changes once released, whatever happens to the wording.
 *
 * @param loinc     the item's LOINC code, or {@code null} where the clinical reference gives none
 * @param askedWhen skip logic; {@link Condition#ALWAYS} for most items
 */
public record Item(String id, String text, List<AnswerOption> options, String loinc, Condition askedWhen) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        options = List.copyOf(options);
        Objects.requireNonNull(askedWhen, "askedWhen");
        if (options.isEmpty()) {
            throw new IllegalArgumentException("item " + id + " has no options");
        }
    }

    public Item(String id, String text, List<AnswerOption> options) {
        this(id, text, options, null, Condition.ALWAYS);
    }

    public boolean allows(int value) {
        for (AnswerOption option : options) {
            if (option.value() == value) {
                return true;
            }
        }
        return false;
    }

    public int minValue() {
        return options.stream().mapToInt(AnswerOption::value).min().orElseThrow();
    }

    public int maxValue() {
        return options.stream().mapToInt(AnswerOption::value).max().orElseThrow();
    }

    Item askedWhen(Condition condition) {
        return new Item(id, text, options, loinc, condition);
    }

    Item withLoinc(String code) {
        return new Item(id, text, options, code, askedWhen);
    }
}
