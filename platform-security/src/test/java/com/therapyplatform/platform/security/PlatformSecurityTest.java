package com.therapyplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.therapyplatform.platform.security.testapp.AccessTestApplication;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every endpoint class (health, public, staff, other actuator, unlisted) for anonymous callers, the wrong role
 * and the right role, with HTTP Basic users from configuration and with bearer tokens from a local JWK set.
 */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "management.endpoints.web.exposure.include=health,info,metrics",
        "management.endpoint.health.probes.enabled=true",
        "platform.security.public-paths=GET /open",
        "platform.security.staff-paths=/staff/**",
        "platform.security.ops-paths=/ops/**",
        "platform.security.ops.username=ops-user",
        "platform.security.ops.password=ops-secret",
        "platform.security.staff.username=staff-user",
        "platform.security.staff.password=staff-secret"})
@AutoConfigureMockMvc
class PlatformSecurityTest {

    private static final RequestPostProcessor OPS = httpBasic("ops-user", "ops-secret");
    private static final RequestPostProcessor STAFF = httpBasic("staff-user", "staff-secret");

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestJwts::jwkSetUri);
    }

    @Autowired
    MockMvc mvc;

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void captureAuditLog() {
        audit.start();
        ((Logger) LoggerFactory.getLogger(StaffAccessLog.LOGGER)).addAppender(audit);
    }

    @AfterEach
    void releaseAuditLog() {
        ((Logger) LoggerFactory.getLogger(StaffAccessLog.LOGGER)).detachAppender(audit);
    }

    private static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    @Test
    void healthAndItsProbeGroupsAreAnonymousAndShowDetailsOnlyToOps() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            mvc.perform(get(path)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        }
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(STAFF)).andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(OPS)).andExpect(jsonPath("$.components").exists());
    }

    @Test
    void publicPathsAreAnonymousForTheirMethodOnly() throws Exception {
        mvc.perform(get("/open")).andExpect(status().isOk()).andExpect(content().string("open"));
        mvc.perform(post("/open")).andExpect(status().isUnauthorized());
    }

    @Test
    void otherActuatorEndpointsNeedOps() throws Exception {
        for (String path : List.of("/actuator/metrics", "/actuator/info", "/actuator", "/ops/replays")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(STAFF)).andExpect(status().isForbidden());
            mvc.perform(get(path).with(OPS)).andExpect(status().isOk());
        }
    }

    @Test
    void staffPathsNeedStaff() throws Exception {
        mvc.perform(get("/staff/list")).andExpect(status().isUnauthorized());
        mvc.perform(get("/staff/list").with(OPS)).andExpect(status().isForbidden());
        mvc.perform(get("/staff/list").with(STAFF)).andExpect(status().isOk());
    }

    @Test
    void anythingUnlistedIsDeniedToEveryone() throws Exception {
        mvc.perform(get("/unlisted")).andExpect(status().isUnauthorized());
        mvc.perform(get("/unlisted").with(OPS)).andExpect(status().isForbidden());
        mvc.perform(get("/unlisted").with(STAFF)).andExpect(status().isForbidden());
        mvc.perform(get("/no-such-path")).andExpect(status().isUnauthorized());
    }

    @Test
    void refusalsAreProblemDetailsWithAChallengeAndNoSession() throws Exception {
        mvc.perform(get("/staff/list?intakeId=secret"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(header().string("WWW-Authenticate", "Bearer, Basic realm=\"therapy-platform\""))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.instance").value("/staff/list"))
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/staff/list").with(httpBasic("staff-user", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/staff/list").with(OPS))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.title").value("Forbidden"));
        mvc.perform(get("/staff/list").with(STAFF)).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }

    @Test
    void bearerTokensCarryTheirRolesInTheRolesClaim() throws Exception {
        String staff = TestJwts.token(Map.of("roles", List.of("STAFF")));
        String ops = TestJwts.token(Map.of("roles", "OPS"));
        String lowercaseOps = TestJwts.token(Map.of("roles", List.of("ops")));
        String none = TestJwts.token(Map.of());

        mvc.perform(get("/staff/list").with(bearer(staff))).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(bearer(staff))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics").with(bearer(ops))).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(bearer(lowercaseOps))).andExpect(status().isOk());
        mvc.perform(get("/staff/list").with(bearer(ops))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/list").with(bearer(none))).andExpect(status().isForbidden());
        mvc.perform(get("/unlisted").with(bearer(staff))).andExpect(status().isForbidden());
        mvc.perform(get("/open").with(bearer(none))).andExpect(status().isOk());
    }

    @Test
    void tokensNotSignedByTheConfiguredKeysAreRefusedAsProblems() throws Exception {
        String forged = TestJwts.tokenFromStranger(Map.of("roles", List.of("STAFF", "OPS")));

        mvc.perform(get("/staff/list").with(bearer(forged)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/staff/list").with(bearer("not-a-jwt"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aStaffReadIsRecordedWithWhoWhatWhenAndWhichIntakeButNoPhi() throws Exception {
        String intakeId = UUID.randomUUID().toString();
        mvc.perform(get("/staff/intakes/" + intakeId).with(STAFF)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(AccessTestApplication.PHI_NAME));

        assertThat(audit.list).hasSize(1);
        ILoggingEvent record = audit.list.get(0);
        Map<String, Object> fields = record.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(fields).containsEntry("event", "staff-access").containsEntry("principal", "staff-user")
                .containsEntry("action", "test-intake.read")
                .containsEntry("endpoint", "GET /staff/intakes/{intakeId}")
                .containsEntry("intakeId", intakeId).containsEntry("clinicianId", "-")
                .containsKey("at");
        assertThat(java.time.Instant.parse((String) fields.get("at")))
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        assertThat(record.getFormattedMessage()).startsWith("staff-access principal=staff-user")
                .contains("intakeId=" + intakeId, "endpoint=\"GET /staff/intakes/{intakeId}\"");
        assertThat(record.getFormattedMessage() + fields)
                .doesNotContain(AccessTestApplication.PHI_NAME, AccessTestApplication.PHI_EMAIL);
    }

    @Test
    void theRecordNamesTheTokenSubjectAndNeverEchoesAMalformedId() throws Exception {
        mvc.perform(get("/staff/intakes/riley@example.org")
                .with(bearer(TestJwts.token(Map.of("roles", List.of("STAFF")))))).andExpect(status().isOk());

        assertThat(audit.list).singleElement().satisfies(record -> assertThat(record.getFormattedMessage())
                .contains("principal=alice", "intakeId=invalid").doesNotContain("riley", "example.org"));
    }

    @Test
    void refusedRequestsReadNothingAndLeaveNoReadRecord() throws Exception {
        mvc.perform(get("/staff/intakes/" + UUID.randomUUID())).andExpect(status().isUnauthorized());
        mvc.perform(get("/staff/intakes/" + UUID.randomUUID()).with(OPS)).andExpect(status().isForbidden());

        assertThat(audit.list).isEmpty();
    }
}
