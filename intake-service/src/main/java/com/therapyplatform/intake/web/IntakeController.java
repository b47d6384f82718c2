package com.therapyplatform.intake.web;

import com.therapyplatform.intake.idempotency.IdempotencyKey;
import com.therapyplatform.intake.outcome.IntakeOutcome;
import com.therapyplatform.intake.outcome.IntakeOutcomes;
import com.therapyplatform.questionnaire.Questionnaire;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/intakes")
class IntakeController {

    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** On a 202 that repeats an earlier one (same key, same request). */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IntakeController.class);

    private final IntakeSubmissions submissions;
    private final IntakeOutcomes outcomes;
    private final QuestionnaireAnswersValidator answersValidator;

    IntakeController(IntakeSubmissions submissions, IntakeOutcomes outcomes, Questionnaire questionnaire) {
        this.submissions = submissions;
        this.outcomes = outcomes;
        this.answersValidator = new QuestionnaireAnswersValidator(questionnaire);
    }

    /** Runs beside Bean Validation, so field and answer errors come back in one problem. */
    @InitBinder
    void answersValidator(WebDataBinder binder) {
        if (binder.getTarget() instanceof IntakeRequest) {
            binder.addValidators(answersValidator);
        }
    }

    @Operation(summary = "Submit an intake",
            description = "Validates the whole submission against the questionnaire it names and answers 202 only "
                    + "after Kafka acknowledged the intake. The status token in the answer is the only way to read "
                    + "the status: keep it. Rate limited per client address.")
    @ApiResponse(responseCode = "202", description = "Accepted and durably stored",
            headers = @Header(name = REPLAYED_HEADER, description = "`true` when this answers a retry with the "
                    + "same Idempotency-Key and nothing new was published", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid fields or answers (each listed by JSON pointer in "
            + "`errors`), a body that is not JSON, or a malformed Idempotency-Key",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than the configured bound (64 KB by default)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Not `application/json`",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was already used for a different request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Too many submissions from this client; retry after `Retry-After` seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge in time. The outcome is unknown "
            + "(a timed-out commit may still complete): retry after `Retry-After` seconds with the same Idempotency-Key",
            headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IntakeAccepted> submit(
            @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY_HEADER, description = "A fresh random UUID per "
                    + "intake (16 to 128 characters of A-Z a-z 0-9 . _ : ~ + / = -, plain or quoted). A retry with "
                    + "the same key and the same body within 24 hours gets the original 202 (same intakeId and "
                    + "statusToken) and publishes nothing new.", example = "5b0c7f6e-2a43-4c9e-9d0f-4b8f1e0c6a21")
            @RequestHeader(name = IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody IntakeRequest request) {
        Optional<IdempotencyKey> key = Optional.ofNullable(idempotencyKey).map(IdempotencyKey::parse);
        IntakeSubmissions.Answer answer = submissions.submit(request, key);
        if (answer.replayed()) {
            log.info("Answered a retried submission of intake {} from its idempotency record", answer.accepted().intakeId());
            outcomes.report(IntakeOutcome.REPLAYED);
        } else {
            log.info("Accepted intake {}", answer.accepted().intakeId());
            outcomes.report(IntakeOutcome.ACCEPTED);
        }
        var response = ResponseEntity.status(HttpStatus.ACCEPTED);
        if (answer.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(answer.accepted());
    }
}
