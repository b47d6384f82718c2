package com.therapyplatform.platform.security;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;

/**
 * The access model of every service (docs/security.md): health and its probe groups and the service's public
 * paths are anonymous, the service's staff paths need {@link Roles#STAFF}, every other actuator endpoint needs
 * {@link Roles#OPS}, and anything else is denied. Callers authenticate with HTTP Basic (users from the
 * environment) or, when Boot configured a {@link JwtDecoder} from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}, a bearer token whose
 * roles claim lists the roles. Stateless: no session, every request carries its credential.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebSecurity
public class PlatformSecurityAutoConfiguration {

    static final String REALM = "therapy-platform";
    private static final String HEALTH = "health";

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemAccessResponses problems = new ProblemAccessResponses(decoder != null);
        http.authorizeHttpRequests(requests -> requests
                // an error or async dispatch belongs to a request that was already authorized
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                // a CORS preflight carries no credential and returns no data; MVC answers it from its CORS rules
                .requestMatchers(CorsUtils::isPreFlightRequest).permitAll()
                .requestMatchers(EndpointRequest.to(HEALTH)).permitAll()
                .requestMatchers(EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HEALTH))
                .permitAll()
                .requestMatchers(matchers(properties.getPublicPaths())).permitAll()
                .requestMatchers(matchers(properties.getStaffPaths())).hasRole(Roles.STAFF)
                .requestMatchers(matchers(properties.getOpsPaths())).hasRole(Roles.OPS)
                .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Roles.OPS)
                .anyRequest().denyAll());
        http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(problems));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(jwtAuthentication(properties.getJwt())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.requestCache(cache -> cache.disable());
        // CSRF protects cookie-authenticated browser sessions. Nothing here authenticates by cookie: every
        // protected request carries an Authorization header (Basic or Bearer) that a cross-site form cannot
        // add, and the anonymous endpoints (the intake form's POST) hold no session to ride on.
        http.csrf(csrf -> csrf.disable());
        http.formLogin(form -> form.disable());
        http.logout(logout -> logout.disable());
        return http.build();
    }

    /**
     * The HTTP Basic users, from the environment; none when unset. Defined even when empty so Boot does not
     * invent a user with a generated password.
     */
    @Bean
    @ConditionalOnMissingBean
    UserDetailsService platformUsers(PlatformSecurityProperties properties, PasswordEncoder passwordEncoder) {
        List<UserDetails> users = new ArrayList<>();
        addUser(users, properties.getOps(), Roles.OPS, passwordEncoder);
        addUser(users, properties.getStaff(), Roles.STAFF, passwordEncoder);
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder platformPasswordEncoder() {
        return new DigestPasswordEncoder();
    }

    /**
     * Spring Security's own observations off: with Micrometer on the classpath they wrap every filter of every
     * request in observations (timers, and spans when tracing samples everything), which multiplied the cost of
     * an anonymous request through the chain (docs/security.md) and added no information the HTTP server
     * observation does not already give. Define a SecurityObservationSettings bean to turn them back on.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings platformSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    StaffAccessLog staffAccessLog() {
        return new StaffAccessLog(java.time.Clock.systemUTC());
    }

    private static void addUser(List<UserDetails> users, PlatformSecurityProperties.Credentials credentials,
            String role, PasswordEncoder encoder) {
        if (!credentials.configured()) {
            return;
        }
        if (users.stream().anyMatch(u -> u.getUsername().equals(credentials.getUsername()))) {
            throw new IllegalStateException("platform.security: the OPS and STAFF users need different names");
        }
        users.add(User.withUsername(credentials.getUsername()).password(encoder.encode(credentials.getPassword()))
                .roles(role).build());
    }

    /** Roles from the configured claim become ROLE_* authorities; the principal claim names the caller. */
    static JwtAuthenticationConverter jwtAuthentication(PlatformSecurityProperties.Jwt jwt) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(jwt.getRolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(token -> roles.convert(token).stream()
                .map(a -> (org.springframework.security.core.GrantedAuthority)
                        new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                a.getAuthority().toUpperCase(Locale.ROOT)))
                .toList());
        converter.setPrincipalClaimName(jwt.getPrincipalClaim());
        return converter;
    }

    /** "POST /api/v1/intakes" or "/actuator/**" (every method). */
    static RequestMatcher[] matchers(List<String> paths) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return paths.stream().map(String::strip).filter(p -> !p.isEmpty()).map(p -> {
            int space = p.indexOf(' ');
            if (space < 0) {
                return builder.matcher(p);
            }
            return builder.matcher(HttpMethod.valueOf(p.substring(0, space).toUpperCase(Locale.ROOT)),
                    p.substring(space + 1).strip());
        }).toArray(RequestMatcher[]::new);
    }
}
