package com.therapyplatform.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class IntakeServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code intake-service.yml}, so the four services can share one JVM in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IntakeServiceApplication.class)
                .properties("spring.config.name=intake-service");
    }
}
