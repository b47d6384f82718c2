package com.therapyplatform.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Delivery guarantees and observability defaults that every service shares (acks=all, idempotent
 * producers, read_committed consumers, tracing, probes), added with the lowest precedence so a
 * service's own configuration can still override a value on purpose.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "platform-kafka-defaults.properties";
    /** Structured (JSON) logs, for the {@value #CONTAINER_PROFILE} profile that compose sets. */
    static final String CONTAINER_RESOURCE = "platform-kafka-container.properties";
    static final String CONTAINER_PROFILE = "container";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            if (environment.matchesProfiles(CONTAINER_PROFILE)) {
                environment.getPropertySources().addLast(new ResourcePropertySource("platformContainerDefaults",
                        new ClassPathResource(CONTAINER_RESOURCE, PlatformDefaults.class.getClassLoader())));
            }
            environment.getPropertySources().addLast(new ResourcePropertySource("platformDefaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
