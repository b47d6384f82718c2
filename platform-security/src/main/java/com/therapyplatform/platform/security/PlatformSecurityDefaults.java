package com.therapyplatform.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Maps the PLATFORM_* credential variables onto {@code platform.security.*}, with the lowest precedence so a
 * service or a test can still set the properties directly.
 */
public class PlatformSecurityDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "platform-security-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("platformSecurityDefaults",
                    new ClassPathResource(RESOURCE, PlatformSecurityDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
