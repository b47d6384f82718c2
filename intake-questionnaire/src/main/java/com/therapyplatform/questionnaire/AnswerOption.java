package com.therapyplatform.questionnaire;

import java.util.Objects;

/** One choice of an item: the value that travels in {@code answers} (and counts towards the score) and its label. */
public record AnswerOption(int value, String label) {

    public AnswerOption {
        Objects.requireNonNull(label, "label");
    }
}
