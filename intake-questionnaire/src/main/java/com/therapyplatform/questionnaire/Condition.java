package com.therapyplatform.questionnaire;

import java.util.List;
import java.util.Map;

/**
 * Skip logic: when an item or instrument is asked. A condition that does not hold makes its items
 * optional (the form hides them); an answer given anyway is still accepted and scored, because a
 * safety answer must never be thrown away for being unexpected.
 */
public sealed interface Condition {

    Condition ALWAYS = new Always();

    boolean holds(Map<String, Integer> answers);

    /** For documentation and rendering, e.g. {@code any of asq.1, asq.2 = 1}. */
    String describe();

    /** Holds when at least one of {@code itemIds} was answered with {@code value}. */
    static Condition anyEquals(List<String> itemIds, int value) {
        return new AnyEquals(List.copyOf(itemIds), value);
    }

    record Always() implements Condition {
        @Override
        public boolean holds(Map<String, Integer> answers) {
            return true;
        }

        @Override
        public String describe() {
            return "always";
        }
    }

    record AnyEquals(List<String> itemIds, int value) implements Condition {
        @Override
        public boolean holds(Map<String, Integer> answers) {
            for (String itemId : itemIds) {
                Integer answer = answers.get(itemId);
                if (answer != null && answer == value) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return (itemIds.size() == 1 ? itemIds.get(0) : "any of " + String.join(", ", itemIds)) + " = " + value;
        }
    }
}
