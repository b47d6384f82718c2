package com.therapyplatform.triage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class TriageServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code triage-service.yml}, so the four services can share one JVM in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TriageServiceApplication.class)
                .properties("spring.config.name=triage-service");
    }
}
