package com.therapyplatform.platform.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.therapyplatform.platform.security.testapp.AccessTestApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * No credentials in the environment and no JWT issuer: no password is built in (not even the local stack's
 * defaults, nor one Boot would generate), so every protected endpoint answers 401, while health and public
 * paths still answer.
 */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "platform.security.public-paths=GET /open",
        "platform.security.staff-paths=/staff/**"})
@AutoConfigureMockMvc
class NoCredentialsConfiguredTest {

    @Autowired
    MockMvc mvc;

    @Test
    void protectedEndpointsAnswer401WhateverIsSent() throws Exception {
        for (String path : List.of("/staff/list", "/actuator/metrics")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"therapy-platform\""));
            mvc.perform(get(path).with(httpBasic("ops", "ops-local-only"))).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(httpBasic("staff", "staff-local-only"))).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(httpBasic("user", ""))).andExpect(status().isUnauthorized());
            // without an issuer, a bearer token is no credential at all
            String token = TestJwts.token(Map.of("roles", List.of("STAFF", "OPS")));
            mvc.perform(get(path).header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void healthAndPublicPathsStillAnswer() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/open")).andExpect(status().isOk());
    }
}
