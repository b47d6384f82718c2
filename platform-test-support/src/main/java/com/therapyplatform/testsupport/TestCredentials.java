package com.therapyplatform.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP Basic users of service tests (platform-security: role OPS and role STAFF), as properties for a
 * service under test and as {@code Authorization} header values for its callers.
 */
public final class TestCredentials {

    public static final String OPS_USER = "ops-test";
    public static final String OPS_PASSWORD = "ops-test-password";
    public static final String STAFF_USER = "staff-test";
    public static final String STAFF_PASSWORD = "staff-test-password";

    /** For {@code @SpringBootTest(properties = ...)}. */
    public static final String OPS_USERNAME_PROPERTY = "platform.security.ops.username=" + OPS_USER;
    public static final String OPS_PASSWORD_PROPERTY = "platform.security.ops.password=" + OPS_PASSWORD;
    public static final String STAFF_USERNAME_PROPERTY = "platform.security.staff.username=" + STAFF_USER;
    public static final String STAFF_PASSWORD_PROPERTY = "platform.security.staff.password=" + STAFF_PASSWORD;

    private TestCredentials() {
    }

    /** The same users as properties, e.g. for command-line arguments of a service started by hand. */
    public static Map<String, Object> properties() {
        return Map.of("platform.security.ops.username", OPS_USER, "platform.security.ops.password", OPS_PASSWORD,
                "platform.security.staff.username", STAFF_USER, "platform.security.staff.password", STAFF_PASSWORD);
    }

    public static String opsAuthorization() {
        return basic(OPS_USER, OPS_PASSWORD);
    }

    public static String staffAuthorization() {
        return basic(STAFF_USER, STAFF_PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
