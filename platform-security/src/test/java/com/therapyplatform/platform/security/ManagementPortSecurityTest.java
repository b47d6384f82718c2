package com.therapyplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.platform.security.testapp.AccessTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same access model when Actuator has a port of its own ({@code management.server.port}, as the stack,
 * compose and the fault suite run the services, so that probes and scrapes never queue behind API requests):
 * health anonymous, every other endpoint OPS only, and Actuator not served on the API's port.
 */
@SpringBootTest(classes = AccessTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.server.port=0",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.probes.enabled=true",
                "platform.security.public-paths=GET /open",
                "platform.security.ops.username=ops-user",
                "platform.security.ops.password=ops-secret",
                "platform.security.staff.username=staff-user",
                "platform.security.staff.password=staff-secret"})
class ManagementPortSecurityTest {

    private static final String OPS = basic("ops-user", "ops-secret");
    private static final String STAFF = basic("staff-user", "staff-secret");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int apiPort;

    @LocalManagementPort
    int managementPort;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndItsProbesAreAnonymousOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(apiPort);
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(managementPort, path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void everyOtherEndpointOnTheManagementPortNeedsTheOpsRole() throws Exception {
        HttpResponse<String> anonymous = get(managementPort, "/actuator/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get(managementPort, "/actuator/metrics", STAFF).statusCode()).isEqualTo(403);
        assertThat(get(managementPort, "/actuator/metrics", OPS).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiPortServesTheApplicationButNoActuatorEndpoint() throws Exception {
        assertThat(get(apiPort, "/open", null).statusCode()).isEqualTo(200);
        assertThat(get(apiPort, "/actuator/health", null).statusCode()).isNotEqualTo(200);
        assertThat(get(apiPort, "/actuator/metrics", OPS).statusCode()).isNotEqualTo(200);
    }
}
