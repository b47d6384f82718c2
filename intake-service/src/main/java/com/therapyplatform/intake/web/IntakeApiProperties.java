package com.therapyplatform.intake.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public API ({@code intake.api.*}, see README "API").
 *
 * @param maxBodySize larger request bodies get 413
 * @param corsAllowedOrigins origins (e.g. {@code https://forms.therapyplatform.example}) whose pages may call
 *        the public API from a browser; none by default
 * @param rateLimit submissions per client address
 */
@ConfigurationProperties("intake.api")
public record IntakeApiProperties(@DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue List<String> corsAllowedOrigins, @DefaultValue RateLimit rateLimit) {

    /**
     * A token bucket per client address: {@code capacity} submissions at once, refilled evenly over
     * {@code period}.
     *
     * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed
     * @param maxClients buckets kept at most (least recently used go first)
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("10") int capacity,
            @DefaultValue("10m") Duration period, @DefaultValue List<String> trustedProxies,
            @DefaultValue("100000") int maxClients) {
    }
}
