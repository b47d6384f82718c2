package com.therapyplatform.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.testsupport.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Access control of triage-service (docs/security.md): health is anonymous, the rest of Actuator is OPS only. */
@TriageServiceTest
class TriageAccessBrokerTest {

    @LocalServerPort
    int port;

    private int get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void healthAndItsProbeGroupsAreAnonymous() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(get(path, null)).as(path).isEqualTo(200);
        }
    }

    @Test
    void otherActuatorEndpointsNeedOps() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/bindings", "/actuator/metrics")) {
            assertThat(get(path, null)).as(path).isEqualTo(401);
            assertThat(get(path, TestCredentials.staffAuthorization())).as(path).isEqualTo(403);
            assertThat(get(path, TestCredentials.opsAuthorization())).as(path).isEqualTo(200);
        }
    }

    @Test
    void nothingElseIsServed() throws Exception {
        assertThat(get("/api/v1/intakes", null)).isEqualTo(401);
        assertThat(get("/api/v1/intakes", TestCredentials.staffAuthorization())).isEqualTo(403);
        assertThat(get("/api/v1/intakes", TestCredentials.opsAuthorization())).isEqualTo(403);
    }
}
