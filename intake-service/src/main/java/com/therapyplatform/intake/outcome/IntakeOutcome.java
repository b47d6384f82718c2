package com.therapyplatform.intake.outcome;

/**
 * How one {@code POST /api/v1/intakes} ended, with a reason code when it was not accepted. Codes only:
 * safe as a metric tag or in a log line (no answer, key, token or address).
 */
public record IntakeOutcome(Kind kind, Reason reason) {

    public enum Kind {
        /** Published; answered 202. */
        ACCEPTED,
        /** A retry under a known idempotency key; answered with the original 202, nothing published. */
        REPLAYED,
        /** Answered 4xx (nothing published) or 503 (outcome unknown when a commit timed out). */
        REJECTED
    }

    public enum Reason {
        NONE,
        /** 400: fields or answers invalid. */
        INVALID_INTAKE,
        /** 400: not JSON, or a field of the wrong type. */
        MALFORMED_REQUEST,
        /** 400: the Idempotency-Key header is malformed. */
        INVALID_IDEMPOTENCY_KEY,
        /** 422: the Idempotency-Key was used for another request. */
        IDEMPOTENCY_KEY_REUSED,
        /** 413. */
        PAYLOAD_TOO_LARGE,
        /** 415. */
        UNSUPPORTED_MEDIA_TYPE,
        /** 429. */
        RATE_LIMITED,
        /** 503: Kafka did not acknowledge in time. */
        BROKER_UNAVAILABLE,
        /** 503: the idempotency store is not available yet. */
        STORE_UNAVAILABLE
    }

    public static final IntakeOutcome ACCEPTED = new IntakeOutcome(Kind.ACCEPTED, Reason.NONE);
    public static final IntakeOutcome REPLAYED = new IntakeOutcome(Kind.REPLAYED, Reason.NONE);

    public static IntakeOutcome rejected(Reason reason) {
        return new IntakeOutcome(Kind.REJECTED, reason);
    }
}
