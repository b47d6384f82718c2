package com.therapyplatform.matching.web;

import com.therapyplatform.platform.kafka.TransientFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.kafka.KafkaException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem details for every failure of the roster API: fields by JSON pointer with messages
 * of ours, never the value sent or a parser's message.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final URI INVALID = URI.create("https://therapyplatform.example/problems/invalid-roster-request");

    record FieldProblem(String pointer, String detail) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(new FieldProblem(pointer(e.getField()),
                e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new FieldProblem("/", e.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldProblem::pointer));
        return badRequest("Some fields need attention", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            errors.add(new FieldProblem(pointer(unknown), "is not a field of a clinician"));
        } else if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            errors.add(new FieldProblem(pointer(jackson), "has the wrong type or format"));
        }
        return badRequest(errors.isEmpty() ? "The request body is not valid JSON" : "The request has invalid fields",
                errors);
    }

    @ExceptionHandler(ClinicianController.InvalidRequest.class)
    ResponseEntity<Object> invalid(ClinicianController.InvalidRequest ex) {
        return badRequest("Some fields need attention", List.of(new FieldProblem(ex.pointer, ex.detail)));
    }

    @ExceptionHandler(ClinicianController.ClinicianNotFound.class)
    ResponseEntity<ProblemDetail> notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No clinician with this id");
        problem.setTitle("Clinician not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler({KafkaException.class, org.apache.kafka.common.KafkaException.class, TransientFailure.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException ex) {
        // class name only: broker exception messages can carry record details
        log.warn("Roster request not served: Kafka not ready or not acknowledging ({})",
                ex.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The roster is not available just now; nothing was changed. Please try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    private static ResponseEntity<Object> badRequest(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid roster request");
        problem.setType(INVALID);
        problem.setProperties(Map.of("errors", errors));
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code onCallSchedule[0].from} to {@code /onCallSchedule/0/from}; set elements ({@code x[]}) to {@code /x}. */
    static String pointer(String field) {
        String path = field.replaceAll("(timeZone)Known$", "$1").replaceAll("(onCallSchedule)Licensed$", "$1")
                .replace("[]", "").replaceAll("\\[(\\d+)]", ".$1").replaceAll("<[^>]*>", "");
        StringBuilder pointer = new StringBuilder();
        for (String segment : path.split("\\.")) {
            if (!segment.isEmpty()) {
                pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }

    private static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }
}
