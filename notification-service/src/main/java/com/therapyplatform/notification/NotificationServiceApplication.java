package com.therapyplatform.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class NotificationServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code notification-service.yml}, so the four services can share one JVM in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=notification-service");
    }
}
