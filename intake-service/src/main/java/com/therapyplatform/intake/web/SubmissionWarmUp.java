package com.therapyplatform.intake.web;

import com.therapyplatform.questionnaire.Questionnaire;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates the documented example intake once at start-up, before the service reports ready
 * (runners run before readiness): the first submission after a start otherwise paid for Jackson building
 * the form's deserializers and Bean Validation reading its constraints, about 0.4 s on two busy cores,
 * and on the benchmark's stack that first submission is an urgent one. Publishes nothing and counts nothing.
 * The mapper and validator are the ones the controller's request body goes through.
 */
@Component
class SubmissionWarmUp implements ApplicationRunner {

    static final String EXAMPLE = "examples/intake-urgent.json";
    private static final Logger log = LoggerFactory.getLogger(SubmissionWarmUp.class);

    private final JsonMapper mapper;
    private final Validator validator;
    private final QuestionnaireAnswersValidator answers;

    SubmissionWarmUp(JsonMapper mapper, Validator validator, Questionnaire questionnaire) {
        this.mapper = mapper;
        this.validator = validator;
        this.answers = new QuestionnaireAnswersValidator(questionnaire);
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        try {
            int problems = warm();
            log.info("Warmed the submission path in {} ms ({} problems in the example)",
                    (System.nanoTime() - start) / 1_000_000, problems);
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the first real submission takes the slow path instead
            log.warn("Could not warm the submission path ({})", e.getClass().getSimpleName());
        }
    }

    /** Reads and validates the example as a submission would be; the number of problems found (0 expected). */
    int warm() throws IOException {
        try (InputStream json = new ClassPathResource(EXAMPLE).getInputStream()) {
            IntakeRequest request = mapper.readValue(json, IntakeRequest.class);
            var errors = new BeanPropertyBindingResult(request, "request");
            answers.validate(request, errors);
            return validator.validate(request).size() + errors.getErrorCount();
        }
    }
}
