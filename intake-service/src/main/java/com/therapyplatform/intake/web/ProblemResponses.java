package com.therapyplatform.intake.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.kafka.KafkaException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import com.therapyplatform.intake.idempotency.InvalidIdempotencyKeyException;
import com.therapyplatform.intake.outcome.IntakeOutcome.Reason;
import com.therapyplatform.intake.outcome.IntakeOutcomes;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem details for every failure. Field errors are listed by JSON pointer with a message
 * of ours; parser and broker messages are never echoed, since they may quote what the person wrote.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String PROBLEMS = "https://therapyplatform.example/problems/";

    private final IntakeOutcomes outcomes;

    ProblemResponses(IntakeOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    record FieldProblem(String pointer, String detail) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // one entry per field: Bean Validation and the questionnaire may both object to the same answer
        Map<String, FieldProblem> byPointer = new TreeMap<>();
        for (FieldError e : ex.getBindingResult().getFieldErrors()) {
            String pointer = pointer(e);
            byPointer.putIfAbsent(pointer, new FieldProblem(pointer, e.getDefaultMessage()));
        }
        List<FieldProblem> errors = List.copyOf(byPointer.values());
        rejectedSubmission(request, Reason.INVALID_INTAKE);
        return badRequest("Some answers need your attention", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BoundedRequestBodies.PayloadTooLargeException.class)) {
            rejectedSubmission(request, Reason.PAYLOAD_TOO_LARGE);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                    "request-too-large", "Request too large", "The request body is larger than this service accepts."));
        }
        rejectedSubmission(request, Reason.MALFORMED_REQUEST);
        List<FieldProblem> errors = new ArrayList<>();
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            errors.add(new FieldProblem(pointer(unknown), "is not a field of this form"));
        } else if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            errors.add(new FieldProblem(pointer(jackson), "has the wrong type or format"));
        }
        return badRequest(errors.isEmpty() ? "The request body is not valid JSON" : "The request has invalid fields",
                errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        rejectedSubmission(request, Reason.UNSUPPORTED_MEDIA_TYPE);
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ResponseEntity<ProblemDetail> invalidIdempotencyKey(InvalidIdempotencyKeyException ex, WebRequest request) {
        rejectedSubmission(request, Reason.INVALID_IDEMPOTENCY_KEY);
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                "Invalid Idempotency-Key", ex.getMessage() + "; send a fresh random UUID per intake."));
    }

    @ExceptionHandler(IntakeSubmissions.KeyReusedException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IntakeSubmissions.KeyReusedException ex, WebRequest request) {
        rejectedSubmission(request, Reason.IDEMPOTENCY_KEY_REUSED);
        return ResponseEntity.unprocessableContent().body(problem(HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused", "Idempotency-Key reused", "This Idempotency-Key was already used for a "
                        + "different submission. Use a new key for a new submission; a retry must repeat the same request."));
    }

    @ExceptionHandler(SubmissionRateLimit.RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(SubmissionRateLimit.RateLimitedException ex, WebRequest request) {
        rejectedSubmission(request, Reason.RATE_LIMITED);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                        "Too many submissions from your network just now; please try again in a few minutes."));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(PROBLEMS + type));
        return problem;
    }

    @ExceptionHandler({KafkaException.class, org.apache.kafka.common.KafkaException.class})
    ResponseEntity<ProblemDetail> brokerUnavailable(RuntimeException ex, WebRequest request) {
        // class name only: broker exception messages can carry record details
        log.warn("Intake not accepted: the broker did not acknowledge in time ({})", ex.getClass().getSimpleName());
        rejectedSubmission(request, Reason.BROKER_UNAVAILABLE);
        // A commit that timed out may still have completed (the fault suite saw it happen), so never claim
        // that nothing was saved: a retry with the same Idempotency-Key is answered from the first attempt.
        return unavailable("We could not confirm that your request was saved. Please send it again shortly with "
                + "the same Idempotency-Key; it will not be recorded twice.");
    }

    /** The status read model or the idempotency store is starting, restoring or rebalancing. */
    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> statusUnavailable(InvalidStateStoreException ex, WebRequest request) {
        log.info("Kafka Streams store not available yet ({})", ex.getClass().getSimpleName());
        if (isSubmission(request)) {
            rejectedSubmission(request, Reason.STORE_UNAVAILABLE);
            return unavailable("We could not save your request just now. Nothing was submitted; please try again shortly.");
        }
        return unavailable("Your status cannot be shown just now; please try again shortly.");
    }

    /** Whatever else goes wrong: a problem without detail (an exception message may quote input), never a stack. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Request failed unexpectedly ({})", ex.getClass().getName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Nothing was submitted; please try again later.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private void rejectedSubmission(WebRequest request, Reason reason) {
        if (isSubmission(request)) {
            outcomes.rejected(reason);
        }
    }

    private static boolean isSubmission(WebRequest request) {
        return request instanceof ServletWebRequest servlet && "POST".equals(servlet.getRequest().getMethod())
                && PublicApiConfiguration.SUBMISSIONS.equals(servlet.getRequest().getRequestURI());
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    private static ResponseEntity<Object> badRequest(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid intake");
        problem.setType(URI.create(PROBLEMS + "invalid-intake"));
        problem.setProperties(Map.of("errors", errors));
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code about.state} to {@code /about/state}; {@code answers[phq9.1]} to {@code /answers/phq9.1}. */
    static String pointer(FieldError error) {
        String field = error.getField()
                // cross-field checks on Contact are named after the field they are about
                .replaceAll("(\\w+)PresentWhenConsented$", "$1");
        StringBuilder pointer = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        boolean inKey = false;
        for (char c : field.toCharArray()) {
            if (!inKey && (c == '.' || c == '[')) {
                appendSegment(pointer, segment);
                inKey = c == '[';
            } else if (inKey && c == ']') {
                appendSegment(pointer, segment);
                inKey = false;
            } else {
                segment.append(c);
            }
        }
        appendSegment(pointer, segment);
        return pointer.toString();
    }

    private static void appendSegment(StringBuilder pointer, StringBuilder segment) {
        if (!segment.isEmpty()) {
            // RFC 6901 escaping
            pointer.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
            segment.setLength(0);
        }
    }

    private static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }
}
