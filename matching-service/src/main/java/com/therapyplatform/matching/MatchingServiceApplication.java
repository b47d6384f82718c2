package com.therapyplatform.matching;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class MatchingServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code matching-service.yml}, so the four services can share one JVM in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MatchingServiceApplication.class)
                .properties("spring.config.name=matching-service");
    }
}
