package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.testsupport.TestCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Access control of intake-service (docs/security.md): the public surface and health are anonymous, every other
 * actuator endpoint needs OPS, anything else is refused; in the shared context of the other intake tests.
 */
@IntakeServiceTest
class IntakeAccessBrokerTest extends IntakeHttpTestBase {

    private int get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void thePublicSurfaceIsAnonymous() throws Exception {
        Submitted intake = submit("intake-routine.json");

        assertThat(get("/api/v1/questionnaire", null)).isEqualTo(200);
        // the status with its token, anonymously (only a 200 ends the wait)
        awaitStatus(intake, "RECEIVED");
        // a wrong token is the status view's own 404, not an authentication challenge
        assertThat(status(intake.intakeId(), "wrong", 0).statusCode()).isEqualTo(404);
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(get(path, null)).as(path).isEqualTo(200);
        }
        // the form and the API docs (served once their issues land) are public whether present or not
        for (String path : List.of("/", "/index.html", "/app.js", "/v3/api-docs", "/swagger-ui/index.html")) {
            assertThat(get(path, null)).as(path).isNotIn(401, 403);
        }
    }

    @Test
    void otherActuatorEndpointsNeedOps() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator")) {
            assertThat(get(path, null)).as(path).isEqualTo(401);
            assertThat(get(path, TestCredentials.staffAuthorization())).as(path).isEqualTo(403);
            assertThat(get(path, TestCredentials.opsAuthorization())).as(path).isEqualTo(200);
        }
    }

    @Test
    void pathsOutsideThePublicSurfaceAreRefused() throws Exception {
        // all of /api is public here (an unknown API path is a 404); anything outside it and the form is refused
        assertThat(get("/local/sms", null)).isEqualTo(401);
        assertThat(get("/local/sms", TestCredentials.staffAuthorization())).isEqualTo(403);
        assertThat(get("/internal/anything", TestCredentials.opsAuthorization())).isEqualTo(403);
        assertThat(get("/api/v1/anything", null)).isEqualTo(404);
    }
}
