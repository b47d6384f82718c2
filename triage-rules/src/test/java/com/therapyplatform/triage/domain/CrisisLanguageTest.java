package com.therapyplatform.triage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.triage.domain.CrisisLanguage.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CrisisLanguageTest {

    static Stream<String> crisisPhrases() {
        return Stream.of(CrisisLanguage.ENGLISH_CRISIS, CrisisLanguage.SPANISH_CRISIS).flatMap(List::stream);
    }

    static Stream<String> intentPhrases() {
        return Stream.of(CrisisLanguage.ENGLISH_INTENT, CrisisLanguage.SPANISH_INTENT).flatMap(List::stream);
    }

    @ParameterizedTest
    @MethodSource("crisisPhrases")
    void everyCrisisPhraseIsAHitInsideASentence(String phrase) {
        assertThat(CrisisLanguage.scan("Lately, " + phrase + ", honestly.")).isEqualTo(Finding.CRISIS);
    }

    @ParameterizedTest
    @MethodSource("intentPhrases")
    void everyIntentPhraseIsAPlanOrIntent(String phrase) {
        assertThat(CrisisLanguage.scan("I think " + phrase + " soon")).isEqualTo(Finding.PLAN_OR_INTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I don't want to live",
            "I don’t want to live anymore",
            "I would never kill myself",
            "I'm not suicidal, just tired",
            "No quiero matarme",
            "no es que quiera hacerme daño",
            "Nunca pensé en el suicidio"})
    void negationNeverCancelsAHit(String text) {
        assertThat(CrisisLanguage.scan(text)).isNotEqualTo(Finding.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "KILL MYSELF!!!",
            "kill-myself",
            "end.my.life",
            "quiero\tmorir",
            "hacerme dano",
            "Quitarme  la  vida",
            "SUICIDARME"})
    void caseAccentsPunctuationAndSpacingDoNotHideAHit(String text) {
        assertThat(CrisisLanguage.scan(text)).isEqualTo(Finding.CRISIS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "That was a killer concert",
            "I want to upskill myself at work",
            "On the weekend my life is calm",
            "This homework is killing me",
            "I am dying to see my sister",
            "My overdue bills stress me out",
            "Self harmony through yoga",
            "Quiero vivir mejor con mi pareja",
            "La película me mató de risa",
            "I want to live closer to my family",
            "We have a plan for the wedding tonight"})
    void nearMissesAreNoHit(String text) {
        assertThat(CrisisLanguage.scan(text)).isEqualTo(Finding.NONE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "!!!"})
    void noTextIsNoHit(String text) {
        assertThat(CrisisLanguage.scan(text)).isEqualTo(Finding.NONE);
    }

    @Test
    void aPlanMarkerIsImminentOnlyBesideCrisisLanguage() {
        assertThat(CrisisLanguage.scan("I have a plan for my career")).isEqualTo(Finding.NONE);
        assertThat(CrisisLanguage.scan("I want to die. I have a plan.")).isEqualTo(Finding.PLAN_OR_INTENT);
        assertThat(CrisisLanguage.scan("Esta noche voy a cenar")).isEqualTo(Finding.NONE);
        assertThat(CrisisLanguage.scan("Esta noche me quiero morir")).isEqualTo(Finding.PLAN_OR_INTENT);
    }

    @Test
    void normalizeKeepsWordsAndDropsEverythingElse() {
        assertThat(CrisisLanguage.normalize("  ¡No QUIERO vivir!  ")).isEqualTo("no quiero vivir");
        assertThat(CrisisLanguage.normalize("don't")).isEqualTo("don t");
        assertThat(CrisisLanguage.normalize("daño")).isEqualTo("dano");
    }

    @Test
    void docsListEveryPhraseTheCodeMatches() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "triage.md"));
        Stream.of(CrisisLanguage.ENGLISH_CRISIS, CrisisLanguage.SPANISH_CRISIS, CrisisLanguage.ENGLISH_INTENT,
                        CrisisLanguage.SPANISH_INTENT, CrisisLanguage.ENGLISH_PLAN_MARKERS,
                        CrisisLanguage.SPANISH_PLAN_MARKERS)
                .flatMap(List::stream)
                .forEach(phrase -> assertThat(docs).as("docs/triage.md lists the phrase").contains("`" + phrase + "`"));
    }
}
