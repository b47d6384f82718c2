package com.therapyplatform.intake.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The public API's guards: body bound, rate limit on submissions, CORS for the platform's forms. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeApiProperties.class)
class PublicApiConfiguration implements WebMvcConfigurer {

    static final String SUBMISSIONS = "/api/v1/intakes";

    private final IntakeApiProperties properties;

    PublicApiConfiguration(IntakeApiProperties properties) {
        this.properties = properties;
    }

    @Bean
    FilterRegistrationBean<BoundedRequestBodies> boundedRequestBodies() {
        var registration = new FilterRegistrationBean<>(new BoundedRequestBodies(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SubmissionRateLimit(properties.rateLimit())).addPathPatterns(SUBMISSIONS);
    }

    /** Only the listed origins; without any, browsers on other origins are refused (same-origin forms need none). */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.corsAllowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping("/api/v1/**")
                .allowedOrigins(properties.corsAllowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST")
                .allowedHeaders(HttpHeaders.CONTENT_TYPE, IntakeController.IDEMPOTENCY_KEY_HEADER,
                        IntakeStatusController.TOKEN_HEADER)
                .exposedHeaders(HttpHeaders.RETRY_AFTER, IntakeController.REPLAYED_HEADER)
                .allowCredentials(false)
                .maxAge(600);
    }
}
