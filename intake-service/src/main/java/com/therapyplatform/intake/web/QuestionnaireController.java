package com.therapyplatform.intake.web;

import com.therapyplatform.questionnaire.Questionnaire;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuestionnaireController {

    private final QuestionnaireView view;

    QuestionnaireController(Questionnaire questionnaire) {
        this.view = QuestionnaireView.of(questionnaire);
    }

    /** The definition forms render from, in the configuration this service validates against. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The questionnaire forms render from",
            description = "Sections, enabled instruments with items, options (value = score), LOINC codes and skip "
                    + "logic (`askedWhen`), the presenting concerns and the coded choices.")
    @GetMapping(path = "/api/v1/questionnaire", produces = MediaType.APPLICATION_JSON_VALUE)
    QuestionnaireView questionnaire() {
        return view;
    }
}
