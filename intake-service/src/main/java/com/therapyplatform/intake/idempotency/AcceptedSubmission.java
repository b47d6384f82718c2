package com.therapyplatform.intake.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@code intake.idempotency-keys.v1} keeps per key: the intake a submission created, the
 * fingerprint of its request, its status token sealed by {@link IdempotencyKey#seal} and when it was
 * accepted. No raw key, token or answer.
 */
public record AcceptedSubmission(String intakeId, String requestFingerprint, String sealedStatusToken,
        Instant acceptedAt) {

    /** Kafka deletes expired records late (whole segments); the window is enforced here, to the second. */
    public boolean within(Duration window, Instant now) {
        return acceptedAt.plus(window).isAfter(now);
    }
}
