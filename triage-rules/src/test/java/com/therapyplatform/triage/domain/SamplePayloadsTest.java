package com.therapyplatform.triage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.questionnaire.Questionnaire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The sample payloads in {@code docs/examples} (posted by intake-service and end-to-end tests) stay valid and mean what the README says. */
class SamplePayloadsTest {

    private final TriageRules rules = new TriageRules(Questionnaire.current());

    private static IntakeSubmitted read(String example) throws IOException {
        JsonNode form = EventJson.mapper().readTree(Files.readString(Path.of("..", "docs", "examples", example)));
        Map<String, Integer> answers = new java.util.HashMap<>();
        form.get("answers").properties().forEach(e -> answers.put(e.getKey(), e.getValue().asInt()));
        List<String> concerns = new ArrayList<>();
        form.get("concerns").forEach(c -> concerns.add(c.asString()));
        return new IntakeSubmitted(form.at("/questionnaire/id").asString(), form.at("/questionnaire/version").asInt(),
                null, form.at("/about/sex").asString(), concerns, answers, form.get("freeText").asString());
    }

    @Test
    void routineExampleIsValidAndOnlyARelationshipConcern() throws IOException {
        IntakeSubmitted routine = read("intake-routine.json");
        assertThat(Questionnaire.current().validate(routine.answers(), routine.concerns())).isEmpty();

        TriageDecision decision = rules.assess(routine);

        assertThat(decision.categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThat(decision.riskTier()).isEqualTo(RiskTier.NONE);
    }

    @Test
    void urgentExampleIsValidAndUrgentWithElevatedRisk() throws IOException {
        IntakeSubmitted urgent = read("intake-urgent.json");
        assertThat(Questionnaire.current().validate(urgent.answers(), urgent.concerns())).isEmpty();

        TriageDecision decision = rules.assess(urgent);

        assertThat(decision.categories()).containsExactlyInAnyOrder(Category.URGENT, Category.POSSIBLE_DEPRESSION);
        assertThat(decision.riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(decision.reasonCodes()).contains("PHQ9_ITEM9_POSITIVE", "ASQ_POSITIVE");
    }
}
