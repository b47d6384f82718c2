package com.therapyplatform.triage.domain;

import java.util.Map;

/**
 * PHQ-9 (Kroenke, Spitzer &amp; Williams 2001): nine items scored 0-3, total 0-27. A total of 10 or more
 * flags possible depression (sensitivity 88%, specificity 88%); any answer above 0 on item 9
 * (thoughts of being better off dead or of self-harm) is urgent whatever the total.
 */
public final class Phq9 {

    public static final String ID = "PHQ9";
    public static final int ITEMS = 9;
    public static final int ITEM_MAX = 3;
    /** Kroenke 2001: total >= 10. */
    public static final int POSSIBLE_DEPRESSION_CUTOFF = 10;

    private Phq9() {
    }

    public static String itemId(int item) {
        return "phq9." + item;
    }

    /** The nine answers in item order, or {@code null} when the instrument was not answered at all. */
    public static int[] answers(Map<String, Integer> answers) {
        if (!answers.containsKey(itemId(1))) {
            return null;
        }
        int[] scores = new int[ITEMS];
        for (int item = 1; item <= ITEMS; item++) {
            Integer value = answers.get(itemId(item));
            if (value == null || value < 0 || value > ITEM_MAX) {
                throw new InvalidAnswers("PHQ9_ITEM_INVALID");
            }
            scores[item - 1] = value;
        }
        return scores;
    }

    public static int total(int[] scores) {
        int total = 0;
        for (int score : scores) {
            total += score;
        }
        return total;
    }

    public static String band(int total) {
        if (total <= 4) {
            return "minimal";
        }
        if (total <= 9) {
            return "mild";
        }
        if (total <= 14) {
            return "moderate";
        }
        if (total <= 19) {
            return "moderately severe";
        }
        return "severe";
    }

    public static boolean item9Positive(int[] scores) {
        return scores[8] > 0;
    }
}
