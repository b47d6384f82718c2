package com.therapyplatform.intake.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    private static final String KEY = "5b0c7f6e-2a43-4c9e-9d0f-4b8f1e0c6a21";
    private static final byte[] REQUEST = "{\"answers\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void plainAndQuotedFormsAreTheSameKey() {
        assertThat(IdempotencyKey.parse("\"" + KEY + "\"").recordKey()).isEqualTo(IdempotencyKey.parse(KEY).recordKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "too-short-key", "with space 0123456789", "\"unterminated-0123456789",
            "semi;colon-0123456789", "ünïcödé-0123456789"})
    void malformedKeysAreRefused(String header) {
        assertThatThrownBy(() -> IdempotencyKey.parse(header)).isInstanceOf(InvalidIdempotencyKeyException.class)
                .hasMessageNotContaining(header.isEmpty() ? "\u0000" : header);
    }

    @Test
    void nothingDerivedContainsTheKey() {
        IdempotencyKey key = IdempotencyKey.parse(KEY);

        assertThat(key.recordKey()).doesNotContain(KEY).hasSize(43);
        assertThat(key.fingerprint(REQUEST)).doesNotContain(KEY).isNotEqualTo(key.recordKey());
        assertThat(key).hasToString("IdempotencyKey[redacted]");
    }

    @Test
    void fingerprintDependsOnTheRequestAndTheKey() {
        IdempotencyKey key = IdempotencyKey.parse(KEY);

        assertThat(key.fingerprint(REQUEST)).isEqualTo(IdempotencyKey.parse(KEY).fingerprint(REQUEST))
                .isNotEqualTo(key.fingerprint("{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(IdempotencyKey.parse(UUID.randomUUID().toString()).fingerprint(REQUEST));
    }

    @Test
    void sealedTokenOpensOnlyWithTheSameKeyAndIntake() {
        IdempotencyKey key = IdempotencyKey.parse(KEY);
        String intakeId = UUID.randomUUID().toString();
        String token = "kq3D0d2Vx6R1mJwz8c0yq0M0f4u9Cq8n9p3eZb5YH1A";

        String sealed = key.seal(token, intakeId);

        assertThat(sealed).doesNotContain(token);
        assertThat(key.seal(token, intakeId)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(IdempotencyKey.parse(KEY).open(sealed, intakeId)).hasValue(token);
        assertThat(IdempotencyKey.parse(UUID.randomUUID().toString()).open(sealed, intakeId)).isEmpty();
        assertThat(key.open(sealed, UUID.randomUUID().toString())).isEmpty();
        assertThat(key.open(sealed.substring(0, sealed.length() - 2) + "AA", intakeId)).isEmpty();
        assertThat(key.open("not base64 !", intakeId)).isEmpty();
    }

    @Test
    void submissionCountsOnlyWithinTheWindow() {
        Instant accepted = Instant.parse("2026-11-27T09:00:00Z");
        AcceptedSubmission submission = new AcceptedSubmission("id", "fp", "sealed", accepted);

        assertThat(submission.within(Duration.ofHours(24), accepted.plus(Duration.ofHours(24)).minusSeconds(1)))
                .isTrue();
        assertThat(submission.within(Duration.ofHours(24), accepted.plus(Duration.ofHours(24)))).isFalse();
    }
}
