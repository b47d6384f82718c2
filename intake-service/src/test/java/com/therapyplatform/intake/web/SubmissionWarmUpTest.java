package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.questionnaire.Questionnaire;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class SubmissionWarmUpTest {

    /** As strict as the service's own mapper (spring.jackson: unknown properties are refused). */
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void theWarmUpReadsAndValidatesTheDocumentedExampleWithoutAProblem() throws Exception {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            var warmUp = new SubmissionWarmUp(mapper, validation.getValidator(), Questionnaire.current());

            assertThat(warmUp.warm()).isZero();
        }
    }
}
