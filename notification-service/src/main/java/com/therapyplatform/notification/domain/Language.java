package com.therapyplatform.notification.domain;

import java.util.Locale;

/** The languages messages are written in. Anything else gets English, the platform's default. */
public enum Language {
    EN(Locale.ENGLISH),
    ES(Locale.forLanguageTag("es"));

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** From a language tag as the intake form sends it ({@code es}, {@code es-MX}, {@code EN}); unknown or absent: English. */
    public static Language of(String tag) {
        if (tag == null || tag.isBlank()) {
            return EN;
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        for (Language candidate : values()) {
            if (candidate.locale.getLanguage().equals(language)) {
                return candidate;
            }
        }
        return EN;
    }
}
