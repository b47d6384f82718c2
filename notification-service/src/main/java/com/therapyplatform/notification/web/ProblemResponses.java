package com.therapyplatform.notification.web;

import com.therapyplatform.platform.kafka.TransientFailure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** RFC 9457 problem details for the audit API: which parameter is wrong and why, never the value sent. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final URI INVALID = URI.create("https://therapyplatform.example/problems/invalid-notification-query");

    record ParameterProblem(String parameter, String detail) {
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(new ParameterProblem(ex.getParameterName(), "is required"));
    }

    @ExceptionHandler(NotificationAuditController.InvalidIntakeId.class)
    ResponseEntity<Object> invalidIntakeId() {
        return badRequest(new ParameterProblem("intakeId", "must be an intake id (a UUID)"));
    }

    @ExceptionHandler(TransientFailure.class)
    ResponseEntity<ProblemDetail> unavailable(TransientFailure ex) {
        log.warn("Audit request not served: {}", ex.reasonCode());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The notification log is still loading. Please try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    private static ResponseEntity<Object> badRequest(ParameterProblem error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The query is not valid");
        problem.setTitle("Invalid notification query");
        problem.setType(INVALID);
        problem.setProperties(Map.of("errors", List.of(error)));
        return ResponseEntity.badRequest().body(problem);
    }
}
