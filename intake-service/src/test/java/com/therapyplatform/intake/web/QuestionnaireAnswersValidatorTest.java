package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.validation.FieldError;

class QuestionnaireAnswersValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"/answers/phq9.3", "/answers/rgpts_b.10", "/concerns/2", "/answers/a~1b~0c", "/questionnaire"})
    void questionnairePointerSurvivesTheRoundTripThroughASpringFieldName(String pointer) {
        String field = QuestionnaireAnswersValidator.field(pointer);

        assertThat(ProblemResponses.pointer(new FieldError("intakeRequest", field, "message"))).isEqualTo(pointer);
    }
}
