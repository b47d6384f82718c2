package com.therapyplatform.intake.web;

import com.therapyplatform.intake.messaging.StatusStreams.StatusQuery;
import com.therapyplatform.intake.status.StatusChanges;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's view of their intake, for the bearer of its status token only. The token travels in a
 * header so that it never reaches an access log; it is never logged here either.
 */
@RestController
class IntakeStatusController {

    static final String TOKEN_HEADER = "X-Status-Token";
    static final int MAX_WAIT_SECONDS = 25;

    private final StatusQuery query;
    private final StatusChanges changes;

    IntakeStatusController(StatusQuery query, StatusChanges changes) {
        this.query = query;
        this.changes = changes;
    }

    /**
     * With {@code waitSeconds} (at most 25), answers as soon as the status differs from what it was when
     * the request came in, or at the end of the wait. Without a valid token the wait always runs out and
     * ends in 404, so neither the answer nor its timing tells whether the intake exists.
     */
    @Operation(summary = "Read an intake's status",
            description = "What the person should see: RECEIVED, IN_REVIEW, WAITLISTED or MATCHED (with the "
                    + "clinician's display name and credentials), and crisis resources for urgent intakes.")
    @ApiResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StatusView.class)))
    @ApiResponse(responseCode = "404", description = "Unknown intake, or a wrong or missing token (one answer for all)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The status store is starting or rebalancing; retry after "
            + "`Retry-After` seconds", headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/intakes/{intakeId}")
    CompletableFuture<ResponseEntity<?>> status(@PathVariable String intakeId,
            @Parameter(description = "The status token from the 202 answer; a header, so it stays out of access logs")
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Parameter(description = "Long-poll: wait up to this many seconds (at most 25) for the next change")
            @RequestParam(defaultValue = "0") int waitSeconds) {
        Optional<StatusView> now = visible(intakeId, token);
        int wait = Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS));
        if (wait == 0) {
            return CompletableFuture.completedFuture(answer(now));
        }
        return awaitChange(intakeId, token, now, System.nanoTime() + TimeUnit.SECONDS.toNanos(wait));
    }

    private CompletableFuture<ResponseEntity<?>> awaitChange(String intakeId, String token,
            Optional<StatusView> before, long deadline) {
        long left = deadline - System.nanoTime();
        CompletableFuture<Void> change = changes.next(intakeId);
        // read again after registering, so a change in between is not missed
        Optional<StatusView> now = visible(intakeId, token);
        if (!now.equals(before) || left <= 0) {
            return CompletableFuture.completedFuture(answer(now));
        }
        return change.thenApply(changed -> true)
                .completeOnTimeout(false, left, TimeUnit.NANOSECONDS)
                // off the Kafka Streams thread that completed the change
                .thenComposeAsync(changed -> {
                    if (!changed) {
                        changes.forget(intakeId, change);
                    }
                    return awaitChange(intakeId, token, before, changed ? deadline : System.nanoTime());
                });
    }

    private Optional<StatusView> visible(String intakeId, String token) {
        return query.find(intakeId).filter(status -> status.visibleWith(token))
                .map(status -> StatusView.of(intakeId, status));
    }

    /** One body for an unknown intake and for a wrong or missing token. */
    private static ResponseEntity<?> answer(Optional<StatusView> view) {
        if (view.isPresent()) {
            return ResponseEntity.ok(view.get());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no intake status for this address and token.");
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
