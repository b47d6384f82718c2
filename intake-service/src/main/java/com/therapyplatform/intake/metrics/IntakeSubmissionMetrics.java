package com.therapyplatform.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every intake submission by what became of it ({@value #SUBMISSIONS}, tags {@code outcome} and
 * {@code reason}), read from the final HTTP status, outermost of all filters so that whatever answers
 * (validation, rate limit, size limit, broker timeout) is counted the same way. Nothing about the
 * request itself is read: no tag can identify a person.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class IntakeSubmissionMetrics extends OncePerRequestFilter {

    public static final String SUBMISSIONS = "therapy.intake.submissions";
    static final String PATH = "/api/v1/intakes";

    private final MeterRegistry meters;

    public IntakeSubmissionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            count(500);
            throw e;
        }
        count(response.getStatus());
    }

    private void count(int status) {
        String reason = reason(status);
        Counter.builder(SUBMISSIONS).description("Intake submissions (POST /api/v1/intakes), by outcome and reason")
                .tag("outcome", status / 100 == 2 ? "accepted" : "rejected").tag("reason", reason)
                .register(meters).increment();
    }

    /** A closed set of values (an unexpected status is {@code other}), so the tag stays low-cardinality. */
    static String reason(int status) {
        switch (status) {
            case 200, 201, 202:
                return "none";
            case 400:
                return "invalid";
            case 409, 422:
                return "conflict";
            case 413:
                return "too_large";
            case 415:
                return "unsupported_media_type";
            case 429:
                return "rate_limited";
            case 503:
                return "unavailable";
            default:
                return status >= 500 ? "error" : "other";
        }
    }
}
