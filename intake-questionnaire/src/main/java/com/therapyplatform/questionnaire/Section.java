package com.therapyplatform.questionnaire;

import java.util.List;

/**
 * One page of the form, in order. {@code instruments} are asked only when enabled; {@code items} are
 * questions outside any instrument (e.g. the partner question that gates CSI-4); {@code fields} are
 * JSON pointers of the non-scored fields shown on the page ({@code /about/state}, ...), whose coded
 * choices, if any, are {@link Questionnaire#choices(String)}.
 */
public record Section(String id, String title, List<InstrumentId> instruments, List<Item> items,
        List<String> fields) {

    public Section {
        instruments = List.copyOf(instruments);
        items = List.copyOf(items);
        fields = List.copyOf(fields);
    }
}
