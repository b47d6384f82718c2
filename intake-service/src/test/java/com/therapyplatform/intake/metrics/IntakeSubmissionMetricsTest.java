package com.therapyplatform.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IntakeSubmissionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeSubmissionMetrics filter = new IntakeSubmissionMetrics(registry);

    private void answer(String method, String path, int status) throws Exception {
        filter.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(),
                (request, response) -> ((MockHttpServletResponse) response).setStatus(status));
    }

    private double count(String outcome, String reason) {
        var counter = registry.find(IntakeSubmissionMetrics.SUBMISSIONS).tag("outcome", outcome).tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void submissionsAreCountedByTheirFinalStatus() throws Exception {
        answer("POST", "/api/v1/intakes", 202);
        answer("POST", "/api/v1/intakes", 400);
        answer("POST", "/api/v1/intakes", 429);
        answer("POST", "/api/v1/intakes", 503);
        answer("POST", "/api/v1/intakes", 413);
        answer("POST", "/api/v1/intakes", 418);

        assertThat(count("accepted", "none")).isEqualTo(1);
        assertThat(count("rejected", "invalid")).isEqualTo(1);
        assertThat(count("rejected", "rate_limited")).isEqualTo(1);
        assertThat(count("rejected", "unavailable")).isEqualTo(1);
        assertThat(count("rejected", "too_large")).isEqualTo(1);
        assertThat(count("rejected", "other")).isEqualTo(1);
    }

    @Test
    void aFailureThatEscapesTheHandlersCountsAsError() {
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/intakes"),
                new MockHttpServletResponse(), failing)).isInstanceOf(IllegalStateException.class);
        assertThat(count("rejected", "error")).isEqualTo(1);
    }

    @Test
    void otherRequestsAreNotSubmissions() throws Exception {
        answer("GET", "/api/v1/intakes/abc", 200);
        answer("GET", "/api/v1/questionnaire", 200);
        assertThat(registry.find(IntakeSubmissionMetrics.SUBMISSIONS).counters()).isEmpty();
    }
}
