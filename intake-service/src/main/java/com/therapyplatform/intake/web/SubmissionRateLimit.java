package com.therapyplatform.intake.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Submissions per client address: a token bucket each (bucket4j), kept in a bounded cache. Runs before
 * the body is read, so a flood costs little. A bucket unused for a whole period is full again, so
 * dropping it then changes nothing.
 */
class SubmissionRateLimit implements HandlerInterceptor {

    private final IntakeApiProperties.RateLimit limit;
    private final ClientAddresses addresses;
    private final Cache<String, Bucket> buckets;

    SubmissionRateLimit(IntakeApiProperties.RateLimit limit) {
        this.limit = limit;
        this.addresses = new ClientAddresses(limit.trustedProxies());
        this.buckets = Caffeine.newBuilder().maximumSize(limit.maxClients()).expireAfterAccess(limit.period()).build();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limit.enabled() || !"POST".equals(request.getMethod())) {
            return true;
        }
        String client = addresses.clientOf(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
        ConsumptionProbe probe = buckets.get(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
        }
        return true;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    /** Too many submissions from one client; carries no address. */
    static final class RateLimitedException extends RuntimeException {

        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("rate limited", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
