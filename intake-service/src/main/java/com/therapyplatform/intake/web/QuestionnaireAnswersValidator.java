package com.therapyplatform.intake.web;

import com.therapyplatform.questionnaire.FieldError;
import com.therapyplatform.questionnaire.Questionnaire;
import java.util.Optional;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Adds the questionnaire's verdict on answers and concerns to the same binding result as Bean
 * Validation, so one problem lists every invalid field. Answers are checked against the questionnaire
 * the submission names; this service validates only the version it asks today.
 */
class QuestionnaireAnswersValidator implements Validator {

    private final Questionnaire questionnaire;

    QuestionnaireAnswersValidator(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
    }

    @Override
    public boolean supports(Class<?> type) {
        return IntakeRequest.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        IntakeRequest request = (IntakeRequest) target;
        if (request.questionnaire() == null || request.questionnaire().id() == null) {
            return; // Bean Validation reports the missing questionnaire
        }
        Optional<Questionnaire> named = Questionnaire.find(request.questionnaire().id(),
                request.questionnaire().version())
                .filter(q -> q.id().equals(questionnaire.id()) && q.version() == questionnaire.version());
        if (named.isEmpty()) {
            reject(errors, "questionnaire", "UNKNOWN_QUESTIONNAIRE",
                    "is not a questionnaire this service accepts; reload the form");
            return;
        }
        for (FieldError error : questionnaire.validate(request.answers(), request.concerns())) {
            reject(errors, field(error.pointer()), error.code(), error.message());
        }
    }

    /** Added without reading the field's value back: the message is ours and never quotes the input. */
    private static void reject(Errors errors, String field, String code, String message) {
        ((BindingResult) errors).addError(new org.springframework.validation.FieldError(errors.getObjectName(),
                field, null, false, new String[] {code}, null, message));
    }

    /** {@code /answers/phq9.3} to {@code answers[phq9.3]}, the field syntax {@link ProblemResponses} reads. */
    static String field(String pointer) {
        String[] segments = pointer.substring(1).split("/", -1);
        StringBuilder field = new StringBuilder(unescape(segments[0]));
        for (int i = 1; i < segments.length; i++) {
            field.append('[').append(unescape(segments[i])).append(']');
        }
        return field.toString();
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
