package com.therapyplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles claim and the principal claim are configurable (platform.security.jwt.*). */
class JwtRoleMappingTest {

    private static Jwt jwt(String claim, Object roles) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u-123").claim("preferred_username", "alice")
                .claim(claim, roles).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    /** Role authorities only (Spring Security adds factor authorities such as FACTOR_BEARER of its own). */
    private static List<String> roles(org.springframework.security.core.Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).toList();
    }

    @Test
    void aConfiguredClaimNameIsReadAndItsValuesBecomeRoles() {
        PlatformSecurityProperties.Jwt config = new PlatformSecurityProperties.Jwt();
        config.setRolesClaim("groups");
        config.setPrincipalClaim("preferred_username");

        var authentication = PlatformSecurityAutoConfiguration.jwtAuthentication(config)
                .convert(jwt("groups", List.of("staff", "OPS")));

        assertThat(roles(authentication)).containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_OPS");
        assertThat(authentication.getName()).isEqualTo("alice");
    }

    @Test
    void theDefaultClaimIsRolesAndOtherClaimsGrantNothing() {
        var converter = PlatformSecurityAutoConfiguration.jwtAuthentication(new PlatformSecurityProperties.Jwt());

        assertThat(roles(converter.convert(jwt("groups", List.of("STAFF"))))).isEmpty();
        assertThat(roles(converter.convert(jwt("roles", "STAFF OPS")))).containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_OPS");
        assertThat(converter.convert(jwt("roles", List.of("STAFF"))).getName()).isEqualTo("u-123");
    }
}
