package com.therapyplatform.intake.web;

import com.therapyplatform.questionnaire.AnswerOption;
import com.therapyplatform.questionnaire.Choice;
import com.therapyplatform.questionnaire.Concern;
import com.therapyplatform.questionnaire.Condition;
import com.therapyplatform.questionnaire.Instrument;
import com.therapyplatform.questionnaire.Item;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.questionnaire.Section;
import java.util.List;
import java.util.Map;

/**
 * The questionnaire as forms render it: only what this configuration asks (disabled instruments are
 * left out), skip logic as data instead of code.
 */
record QuestionnaireView(String id, int version, List<SectionView> sections, List<Concern> concerns,
        Map<String, List<Choice>> choices) {

    record SectionView(String id, String title, List<InstrumentView> instruments, List<ItemView> items,
            List<String> fields) {
    }

    record InstrumentView(String id, String code, String title, String instructions, String requirement,
            boolean publicWording, AskedWhen askedWhen, List<ItemView> items, String loincPanel, String loincTotal,
            String source, String licence) {
    }

    record ItemView(String id, String text, List<AnswerOption> options, String loinc, AskedWhen askedWhen) {
    }

    /** Asked when any of {@code itemIds} was answered {@code value}; absent (null) means always. */
    record AskedWhen(List<String> anyOf, int equals, String description) {
    }

    static QuestionnaireView of(Questionnaire questionnaire) {
        List<SectionView> sections = questionnaire.sections().stream().map(section -> of(questionnaire, section))
                .filter(section -> !section.instruments().isEmpty() || !section.items().isEmpty()
                        || !section.fields().isEmpty())
                .toList();
        return new QuestionnaireView(questionnaire.id(), questionnaire.version(), sections, questionnaire.concerns(),
                questionnaire.allChoices());
    }

    private static SectionView of(Questionnaire questionnaire, Section section) {
        List<InstrumentView> instruments = section.instruments().stream()
                .flatMap(id -> questionnaire.instrument(id).stream())
                .map(QuestionnaireView::of)
                .toList();
        List<ItemView> items = section.items().stream()
                .filter(item -> questionnaire.item(item.id()).isPresent())
                .map(QuestionnaireView::of)
                .toList();
        return new SectionView(section.id(), section.title(), instruments, items, section.fields());
    }

    private static InstrumentView of(Instrument instrument) {
        return new InstrumentView(instrument.id().name(), instrument.id().code(), instrument.title(),
                instrument.instructions(), instrument.requirement().name(), instrument.publicWording(),
                of(instrument.askedWhen()), instrument.items().stream().map(QuestionnaireView::of).toList(),
                instrument.loincPanel(), instrument.loincTotal(), instrument.source(), instrument.licence());
    }

    private static ItemView of(Item item) {
        return new ItemView(item.id(), item.text(), item.options(), item.loinc(), of(item.askedWhen()));
    }

    private static AskedWhen of(Condition condition) {
        // Java 17: no pattern matching for switch yet
        return condition instanceof Condition.AnyEquals any
                ? new AskedWhen(any.itemIds(), any.value(), any.describe())
                : null;
    }
}
