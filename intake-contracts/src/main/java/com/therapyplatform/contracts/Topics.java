package com.therapyplatform.contracts;

import java.time.Duration;
import java.util.List;

/** Every topic of the platform. Record key = intake id everywhere (clinician id on the roster). */
public final class Topics {

    public static final String INTAKE_SUBMITTED = "intake.submitted.v1";
    /**
     * The priority path before triage: IntakeSubmitted of the intakes that intake-service, applying the
     * triage rules, already finds urgent. triage-service reads it with a consumer of its own, so a
     * backlog on {@link #INTAKE_SUBMITTED} cannot hold an urgent intake back.
     */
    public static final String INTAKE_SUBMITTED_URGENT = "intake.submitted.urgent.v1";
    /** Contact details: PHI, read by notification only. */
    public static final String INTAKE_CONTACT = "intake.contact.v1";
    /**
     * The same IntakeContactProvided again, for the intakes that go to {@link #INTAKE_SUBMITTED_URGENT}
     * only, written in the same transaction: the crisis lane's copy, which no burst of routine contacts
     * on {@link #INTAKE_CONTACT} sits in front of. PHI, read by notification only.
     */
    public static final String INTAKE_CONTACT_URGENT = "intake.contact.urgent.v1";
    public static final String INTAKE_TRIAGED = "intake.triaged.v1";
    /** Scores and reason codes, for clinicians and audit. */
    public static final String TRIAGE_ASSESSMENTS = "triage.assessments.v1";
    /** The priority lane: urgent intakes, consumed by their own consumers. */
    public static final String INTAKE_URGENT = "intake.urgent.v1";
    public static final String INTAKE_MATCHED = "intake.matched.v1";
    public static final String INTAKE_WAITLISTED = "intake.waitlisted.v1";
    /** Compacted roster, key = clinician id. */
    public static final String CLINICIANS = "clinicians.v1";
    /** Escalations ops must act on now, e.g. an urgent intake without on-call cover. */
    public static final String MATCHING_ESCALATIONS = "matching.escalations.v1";
    public static final String NOTIFICATION_SENT = "notification.sent.v1";
    public static final String NOTIFICATION_FAILED = "notification.failed.v1";

    // Internal to matching-service: no contract, no other service may read or write them. Listed here
    // only so that they are provisioned like every other topic (see docs/matching.md).
    /** Intake-keyed inbox of the matching desk: new intakes, reservation answers, offers. */
    public static final String MATCHING_DESK = "matching.desk.v1";
    /** Clinician-keyed inbox of the capacity ledger: one writer per clinician. */
    public static final String MATCHING_LEDGER = "matching.ledger.v1";
    /** Compacted waitlist in order of arrival (key = arrival key), read by every ledger. */
    public static final String MATCHING_WAITLIST = "matching.waitlist.v1";
    /** Compacted caseload per clinician (counts only), for balancing and the roster API. */
    public static final String MATCHING_CASELOADS = "matching.caseloads.v1";

    // Internal to intake-service (see docs/events.md).
    /**
     * Compacted: intake id to the SHA-256 of the intake's status token, written in the intake's own
     * transaction; input of the status read model. Never the token itself, never read by another service.
     */
    public static final String INTAKE_STATUS_TOKENS = "intake.status-tokens.v1";
    /**
     * Compacted and expiring: hash of a submission's {@code Idempotency-Key} to the intake it created
     * (intake id, request fingerprint, the status token sealed with a key only the client's key
     * derives), written in the intake's own transaction. Never the raw key or token.
     */
    public static final String INTAKE_IDEMPOTENCY_KEYS = "intake.idempotency-keys.v1";
    /** How long a retried submission with the same {@code Idempotency-Key} is answered with the original. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    // Operations (see docs/operations.md, "Dead letters").
    /**
     * Compacted: one record per replayed dead letter, key {@code <dlt topic>/<partition>/<offset>}, written
     * in the same Kafka transaction as the republished record, so a dead letter is replayed at most once.
     * Metadata only (who, when, where to); never a payload.
     */
    public static final String OPS_DLT_REPLAYS = "ops.dlt-replays.v1";

    private static final Duration EVENTS = Duration.ofDays(14);
    /** Contact details are kept no longer than the intake flow needs them. */
    private static final Duration CONTACT = Duration.ofDays(30);
    private static final Duration AUDIT = Duration.ofDays(365);

    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.stream(INTAKE_SUBMITTED, EVENTS),
            TopicSpec.stream(INTAKE_SUBMITTED_URGENT, EVENTS),
            TopicSpec.stream(INTAKE_CONTACT, CONTACT),
            TopicSpec.stream(INTAKE_CONTACT_URGENT, CONTACT),
            TopicSpec.stream(INTAKE_TRIAGED, EVENTS),
            TopicSpec.stream(TRIAGE_ASSESSMENTS, AUDIT),
            TopicSpec.stream(INTAKE_URGENT, EVENTS),
            TopicSpec.stream(INTAKE_MATCHED, EVENTS),
            TopicSpec.stream(INTAKE_WAITLISTED, EVENTS),
            TopicSpec.table(CLINICIANS),
            TopicSpec.stream(MATCHING_ESCALATIONS, AUDIT),
            TopicSpec.stream(MATCHING_DESK, EVENTS),
            TopicSpec.stream(MATCHING_LEDGER, EVENTS),
            TopicSpec.table(MATCHING_WAITLIST),
            TopicSpec.table(MATCHING_CASELOADS),
            TopicSpec.table(INTAKE_STATUS_TOKENS),
            TopicSpec.expiringTable(INTAKE_IDEMPOTENCY_KEYS, IDEMPOTENCY_WINDOW),
            TopicSpec.stream(NOTIFICATION_SENT, AUDIT),
            TopicSpec.stream(NOTIFICATION_FAILED, AUDIT),
            TopicSpec.table(OPS_DLT_REPLAYS));

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    public static TopicSpec spec(String name) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a platform topic: " + name));
    }
}
