package com.therapyplatform.triage.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Crisis language in the free text, English and Spanish. A screen for clinician review: over-flagging
 * is acceptable, a miss is not. So phrases match on whole words (case, accents and punctuation
 * ignored; "killer concert" is no hit), and nothing cancels a hit: negation ("I don't want to live",
 * "I would never kill myself") still counts. The lists are documented in {@code docs/triage.md}.
 */
public final class CrisisLanguage {

    /** What the text says, most serious finding wins. */
    public enum Finding {
        NONE,
        /** Crisis language: urgent, elevated risk. */
        CRISIS,
        /** A stated plan or intent: urgent, imminent risk. */
        PLAN_OR_INTENT
    }

    /** Self-harm, suicide, harm to others, overdose: each raises URGENT. */
    public static final List<String> ENGLISH_CRISIS = List.of(
            "kill myself", "killing myself", "kill my self", "killed myself",
            "suicide", "suicidal",
            "end my life", "ending my life", "end it all", "take my own life", "take my life", "taking my own life",
            "overdose", "overdosing", "overdosed",
            "hurt myself", "hurting myself", "harm myself", "harming myself", "self harm", "self harming",
            "cut myself", "cutting myself",
            "hurt someone", "hurt somebody", "hurt other people", "kill someone", "kill somebody",
            "want to die", "wanna die", "wish i was dead", "wish i were dead", "better off dead",
            "don't want to live", "dont want to live", "do not want to live", "no reason to live",
            "not worth living", "don't want to be alive", "dont want to be alive", "do not want to be alive");
    public static final List<String> SPANISH_CRISIS = List.of(
            "matarme", "quiero matarme", "suicidarme", "suicidio", "suicida",
            "quitarme la vida", "acabar con mi vida", "terminar con mi vida",
            "quiero morir", "quiero morirme", "me quiero morir", "no quiero vivir", "no quiero seguir viviendo",
            "sobredosis",
            "hacerme daño", "lastimarme", "cortarme",
            "hacerle daño a alguien", "lastimar a alguien", "matar a alguien",
            "mejor muerto", "mejor muerta");
    /** A stated plan or intent: imminent risk on its own (each is crisis language too). */
    public static final List<String> ENGLISH_INTENT = List.of(
            "going to kill myself", "gonna kill myself", "plan to kill myself", "planning to kill myself",
            "will kill myself", "i'll kill myself", "going to end my life", "gonna end my life",
            "plan to end my life", "planning to end my life", "suicide plan", "suicide note");
    public static final List<String> SPANISH_INTENT = List.of(
            "voy a matarme", "me voy a matar", "voy a suicidarme", "voy a quitarme la vida", "planeo matarme",
            "pienso matarme", "nota suicida");
    /** Plan markers: imminent risk only beside crisis language ("I have a plan" alone is about anything). */
    public static final List<String> ENGLISH_PLAN_MARKERS = List.of(
            "i have a plan", "i've got a plan", "i have the pills", "saved up pills", "bought a gun", "tonight");
    public static final List<String> SPANISH_PLAN_MARKERS = List.of(
            "tengo un plan", "tengo las pastillas", "compre un arma", "esta noche");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final String[] CRISIS = padded(ENGLISH_CRISIS, SPANISH_CRISIS, ENGLISH_INTENT, SPANISH_INTENT);
    private static final String[] INTENT = padded(ENGLISH_INTENT, SPANISH_INTENT);
    private static final String[] PLAN_MARKERS = padded(ENGLISH_PLAN_MARKERS, SPANISH_PLAN_MARKERS);

    private CrisisLanguage() {
    }

    public static Finding scan(String text) {
        if (text == null || text.isBlank()) {
            return Finding.NONE;
        }
        String words = " " + normalize(text) + " ";
        if (!containsAny(words, CRISIS)) {
            return Finding.NONE;
        }
        return containsAny(words, INTENT) || containsAny(words, PLAN_MARKERS) ? Finding.PLAN_OR_INTENT
                : Finding.CRISIS;
    }

    /**
     * Lower case, accents dropped, every run of characters other than letters and digits one space:
     * {@code "¡No QUIERO vivir!"} becomes {@code "no quiero vivir"}, {@code "don't"} becomes {@code "don t"}.
     */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!isAscii(lower)) {
            lower = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        }
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = true; // drops leading separators
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        return space && end > 0 ? out.substring(0, end - 1) : out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(String words, String[] phrases) {
        for (String phrase : phrases) {
            if (words.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    /** Phrases normalized like the text and padded with spaces, so that they match whole words only. */
    @SafeVarargs
    private static String[] padded(List<String>... lists) {
        List<String> phrases = new ArrayList<>();
        Stream.of(lists).flatMap(List::stream).forEach(phrase -> phrases.add(" " + normalize(phrase) + " "));
        return phrases.toArray(String[]::new);
    }
}
