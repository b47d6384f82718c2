package com.therapyplatform.notification.rendering;

import com.therapyplatform.notification.config.NotificationProperties;
import com.therapyplatform.notification.domain.ResourceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The helpline catalog exactly as {@code notification-service.yml} configures it, without a Spring context. */
public final class ConfiguredResources {

    private ConfiguredResources() {
    }

    public static ResourceCatalog catalog() {
        try {
            var documents = new YamlPropertySourceLoader().load("notification-service",
                    new ClassPathResource("notification-service.yml"));
            return new Binder(ConfigurationPropertySources.from(documents.get(0)))
                    .bind("notification.resources", NotificationProperties.Resources.class).get().toCatalog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
