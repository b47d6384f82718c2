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
    @GetMapping(path = "/api/v1/questionnaire", produces = MediaType.APPLICATION_JSON_VALUE)
    QuestionnaireView questionnaire() {
        return view;
    }
}
