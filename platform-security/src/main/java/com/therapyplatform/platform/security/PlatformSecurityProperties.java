package com.therapyplatform.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call what ({@code platform.security.*}). Paths are Spring path patterns, optionally preceded by an
 * HTTP method ({@code "POST /api/v1/intakes"}); without a method every method matches. Health and its probe
 * groups are always anonymous and every other actuator endpoint needs {@link Roles#OPS}; anything that is
 * neither public, staff nor actuator is denied.
 */
@ConfigurationProperties("platform.security")
public class PlatformSecurityProperties {

    /** Anonymous paths of this service (beside health and its probe groups). */
    private List<String> publicPaths = new ArrayList<>();

    /** Paths that need the STAFF role. */
    private List<String> staffPaths = new ArrayList<>();

    /** Paths outside Actuator that need the OPS role (every actuator endpoint but health needs it anyway). */
    private List<String> opsPaths = new ArrayList<>();

    /** HTTP Basic user with the OPS role; defaults to PLATFORM_OPS_USERNAME / PLATFORM_OPS_PASSWORD. */
    private final Credentials ops = new Credentials();

    /** HTTP Basic user with the STAFF role; defaults to PLATFORM_STAFF_USERNAME / PLATFORM_STAFF_PASSWORD. */
    private final Credentials staff = new Credentials();

    private final Jwt jwt = new Jwt();

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }

    public List<String> getStaffPaths() {
        return staffPaths;
    }

    public void setStaffPaths(List<String> staffPaths) {
        this.staffPaths = staffPaths;
    }

    public List<String> getOpsPaths() {
        return opsPaths;
    }

    public void setOpsPaths(List<String> opsPaths) {
        this.opsPaths = opsPaths;
    }

    public Credentials getOps() {
        return ops;
    }

    public Credentials getStaff() {
        return staff;
    }

    public Jwt getJwt() {
        return jwt;
    }

    public static class Credentials {

        private String username;
        private String password;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        /** Both set and not blank: only then does the user exist. */
        boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isEmpty();
        }
    }

    /** Bearer tokens, when spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri is set. */
    public static class Jwt {

        /** Claim holding the platform roles (a list, or a space-separated string): OPS, STAFF. */
        private String rolesClaim = "roles";

        /** Claim naming the caller in the staff access log. */
        private String principalClaim = "sub";

        public String getRolesClaim() {
            return rolesClaim;
        }

        public void setRolesClaim(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        public String getPrincipalClaim() {
            return principalClaim;
        }

        public void setPrincipalClaim(String principalClaim) {
            this.principalClaim = principalClaim;
        }
    }
}
