package com.therapyplatform.intake.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, rendered by Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI intakeApi() {
        return new OpenAPI().info(new Info()
                .title("Intake API")
                .version("v1")
                .description("""
                        Submit an intake questionnaire and follow its status. Every error is an RFC 9457 \
                        problem (`application/problem+json`) that never echoes what was written; invalid fields \
                        are listed by JSON pointer in `errors`. Submissions are rate limited per client address \
                        (429 with `Retry-After`) and bounded in size (413). Send an `Idempotency-Key` with every \
                        submission and retry with the same key after a timeout or a 503: the retry gets the \
                        original answer and nothing is submitted twice. The status token travels only in the \
                        `X-Status-Token` header, never in a URL.""")
                .license(new License().name("Proprietary")));
    }
}
