package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionnaireViewTest {

    private static List<String> itemIds(QuestionnaireView view) {
        return view.sections().stream().flatMap(section -> java.util.stream.Stream.concat(
                section.instruments().stream().flatMap(instrument -> instrument.items().stream()),
                section.items().stream())).map(QuestionnaireView.ItemView::id).toList();
    }

    @Test
    void everyItemTheQuestionnaireAsksIsRenderedOnceAndNothingElse() {
        Questionnaire questionnaire = Questionnaire.current();

        List<String> rendered = itemIds(QuestionnaireView.of(questionnaire));

        assertThat(rendered).doesNotHaveDuplicates().isNotEmpty()
                .allSatisfy(id -> assertThat(questionnaire.item(id)).isPresent());
        assertThat(rendered).contains("phq9.9", "asq.5", "relationship.partner", "csi4.4");
    }

    @Test
    void disabledInstrumentsAreLeftOutOfTheForm() {
        QuestionnaireView view = QuestionnaireView.of(Questionnaire.current()
                .withDisabled(List.of(InstrumentId.CSI4, InstrumentId.RGPTS_A, InstrumentId.RGPTS_B)));

        assertThat(itemIds(view)).contains("phq9.1").noneMatch(id -> id.startsWith("csi4.")
                || id.startsWith("rgpts_") || id.equals("relationship.partner"));
    }

    @Test
    void onlyItemsWithSkipLogicCarryACondition() {
        QuestionnaireView view = QuestionnaireView.of(Questionnaire.current());

        var conditioned = view.sections().stream().flatMap(s -> s.instruments().stream())
                .flatMap(i -> i.items().stream()).filter(item -> item.askedWhen() != null)
                .map(QuestionnaireView.ItemView::id).toList();
        assertThat(conditioned).containsExactly("asq.5");
        assertThat(view.sections().stream().flatMap(s -> s.instruments().stream())
                .filter(i -> i.id().equals("CSI4")).findFirst().orElseThrow().askedWhen().anyOf())
                .containsExactly(Questionnaire.PARTNER_ITEM);
    }
}
