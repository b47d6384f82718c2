package com.therapyplatform.questionnaire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One screening instrument as the form asks it. Every option's value is its score (none of the
 * instruments here reverse-scores an item), so the raw total is the sum of the answered values;
 * what a total means (bands, cut-offs) is triage's business.
 *
 * @param source         citation of the instrument
 * @param licence        who may use it, and on what terms
 * @param publicWording  false when {@code items} carry placeholder labels instead of the authors' wording
 * @param askedWhen      skip logic for the whole instrument ({@link Condition#ALWAYS} for most)
 * @param loincPanel     LOINC panel code, or {@code null} where the clinical reference gives none
 * @param loincTotal     LOINC code of the total score, or {@code null}
 */
public record Instrument(
        InstrumentId id,
        String title,
        String instructions,
        String source,
        String licence,
        boolean publicWording,
        Requirement requirement,
        Condition askedWhen,
        List<Item> items,
        String loincPanel,
        String loincTotal) {

    public Instrument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(askedWhen, "askedWhen");
        items = List.copyOf(items);
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).id().equals(id.itemId(i + 1))) {
                throw new IllegalArgumentException("item " + (i + 1) + " of " + id + " must be " + id.itemId(i + 1));
            }
        }
    }

    /** Item {@code number}, 1-based as the instrument numbers them. */
    public Item item(int number) {
        return items.get(number - 1);
    }

    public int size() {
        return items.size();
    }

    /** True when at least one of its items was answered. */
    public boolean answered(Map<String, Integer> answers) {
        for (Item item : items) {
            if (answers.containsKey(item.id())) {
                return true;
            }
        }
        return false;
    }

    /** Sum of the answered items' values (unanswered items count 0). */
    public int total(Map<String, Integer> answers) {
        int total = 0;
        for (Item item : items) {
            Integer value = answers.get(item.id());
            if (value != null) {
                total += value;
            }
        }
        return total;
    }

    public int minTotal() {
        return items.stream().mapToInt(Item::minValue).sum();
    }

    public int maxTotal() {
        return items.stream().mapToInt(Item::maxValue).sum();
    }
}
