package com.therapyplatform.contracts.events;

import java.util.List;
import java.util.Map;

/**
 * The answered questionnaire, without contact details. Read by triage only: it carries answers and
 * free text, which no other service may see.
 *
 * @param answers item id (e.g. {@code phq9.9}) to the chosen option's value
 * @param sex     optional; used only for the AUDIT-C cut-off
 */
public record IntakeSubmitted(
        String questionnaireId,
        int questionnaireVersion,
        RoutingProfile routing,
        String sex,
        List<String> concerns,
        Map<String, Integer> answers,
        String freeText) {

    public IntakeSubmitted {
        concerns = concerns == null ? List.of() : List.copyOf(concerns);
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }
}
