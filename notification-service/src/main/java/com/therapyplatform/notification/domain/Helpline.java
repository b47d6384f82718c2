package com.therapyplatform.notification.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** One helpline or emergency resource, with its name and how to reach it in every {@link Language}. */
public record Helpline(String id, Map<Language, Text> text) {

    /** What a message shows of a resource, in one language. */
    public record Text(String name, String how) {

        public Text {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(how, "how");
        }
    }

    public Helpline {
        Objects.requireNonNull(id, "id");
        text = new EnumMap<>(text);
        for (Language language : Language.values()) {
            if (!text.containsKey(language)) {
                throw new IllegalArgumentException("resource " + id + " has no text in " + language);
            }
        }
        text = Map.copyOf(text);
    }

    public Text in(Language language) {
        return text.get(language);
    }
}
