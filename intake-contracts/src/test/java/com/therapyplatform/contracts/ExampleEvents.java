package com.therapyplatform.contracts;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.InstrumentScore;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.contracts.events.Sensitivity;
import com.therapyplatform.contracts.events.TriageAssessed;
import com.therapyplatform.contracts.events.UrgentCoverMissing;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One example envelope per v1 event, all about the same (fictitious) intake, with every payload field
 * set, including the optional ones, and fixed ids and instants so they are stable across runs.
 * Causation follows the real flow: the intake's first step (IntakeSubmitted and its sibling
 * IntakeContactProvided) answers nothing, so those two have no causationId; every later event has one.
 */
public final class ExampleEvents {

    public static final String INTAKE_ID = "3f0c9b1e-5a47-4c1d-9e0b-6f2d8a7c4b10";
    /** eventId of the intake's first event (IntakeSubmitted), hence every example's correlationId. */
    public static final String FIRST_EVENT_ID = "0b6f7c1a-2d3e-4f50-8a61-7b8c9d0e1f21";
    public static final Instant SUBMITTED_AT = Instant.parse("2026-03-02T14:05:11.123Z");

    public static final RoutingProfile ROUTING = new RoutingProfile(
            "CA", "es", Modality.VIDEO, "female", List.of("weekday-evening", "saturday-morning"));

    public static final EventEnvelope<IntakeSubmitted> INTAKE_SUBMITTED = envelope(
            Events.INTAKE_SUBMITTED, FIRST_EVENT_ID, SUBMITTED_AT, null,
            new IntakeSubmitted(
                    "adult-intake", 3, ROUTING, "female",
                    List.of("PARTNER_RELATIONSHIP", "ALCOHOL_OR_DRUG_USE"),
                    Map.of("phq9.1", 2, "phq9.9", 1, "auditc.1", 3, "auditc.2", 2),
                    "Things have been hard since the move."));

    public static final EventEnvelope<IntakeContactProvided> INTAKE_CONTACT_PROVIDED = envelope(
            Events.INTAKE_CONTACT_PROVIDED, "1c7a8d2b-3e4f-4a61-9b72-8c9d0e1f2a32", SUBMITTED_AT, null,
            new IntakeContactProvided("Ana Example", "ana@example.org", "+15555550123",
                    true, true, false, "es"));

    public static final EventEnvelope<IntakeTriaged> INTAKE_TRIAGED = envelope(
            Events.INTAKE_TRIAGED, "2d8b9e3c-4f5a-4b72-8c83-9d0e1f2a3b43", SUBMITTED_AT.plusMillis(180),
            INTAKE_SUBMITTED.eventId().toString(),
            new IntakeTriaged(ROUTING, Set.of(Category.POSSIBLE_DEPRESSION, Category.SUBSTANCE_USE, Category.URGENT),
                    RiskTier.ELEVATED, List.of(Sensitivity.PART2_SUBSTANCE_USE), "triage-rules-2026.03"));

    public static final EventEnvelope<TriageAssessed> TRIAGE_ASSESSED = envelope(
            Events.TRIAGE_ASSESSED, "3e9c0f4d-5a6b-4c83-9d94-0e1f2a3b4c54", SUBMITTED_AT.plusMillis(180),
            INTAKE_SUBMITTED.eventId().toString(),
            new TriageAssessed(
                    List.of(new InstrumentScore("PHQ-9", 12, "moderate", true),
                            new InstrumentScore("AUDIT-C", 5, "positive", true)),
                    Set.of(Category.POSSIBLE_DEPRESSION, Category.SUBSTANCE_USE, Category.URGENT),
                    RiskTier.ELEVATED,
                    List.of("PHQ9_TOTAL_GE_10", "PHQ9_ITEM9_POSITIVE", "AUDITC_POSITIVE_FEMALE_GE_3"),
                    List.of(Sensitivity.PART2_SUBSTANCE_USE), "triage-rules-2026.03"));

    public static final EventEnvelope<UrgentIntakeFlagged> URGENT_INTAKE_FLAGGED = envelope(
            Events.URGENT_INTAKE_FLAGGED, "4f0d1a5e-6b7c-4d94-8ea5-1f2a3b4c5d65", SUBMITTED_AT.plusMillis(180),
            INTAKE_SUBMITTED.eventId().toString(),
            new UrgentIntakeFlagged(ROUTING, RiskTier.ELEVATED, "triage-rules-2026.03"));

    public static final EventEnvelope<ClinicianAssigned> CLINICIAN_ASSIGNED = envelope(
            Events.CLINICIAN_ASSIGNED, "5a1e2b6f-7c8d-4ea5-9fb6-2a3b4c5d6e76", SUBMITTED_AT.plusMillis(260),
            URGENT_INTAKE_FLAGGED.eventId().toString(),
            new ClinicianAssigned("clin-0042", "Dr. Rosa Example", "PsyD", true,
                    List.of("ON_CALL_CRISIS", "LICENSED_IN_STATE", "LANGUAGE_MATCH")));

    public static final EventEnvelope<IntakeWaitlisted> INTAKE_WAITLISTED = envelope(
            Events.INTAKE_WAITLISTED, "6b2f3c7a-8d9e-4fb6-8ac7-3b4c5d6e7f87", SUBMITTED_AT.plusMillis(250),
            INTAKE_TRIAGED.eventId().toString(),
            new IntakeWaitlisted(List.of("LANGUAGE", "CAPACITY"), List.of("NO_CLINICIAN_WITH_CAPACITY")));

    public static final EventEnvelope<UrgentCoverMissing> URGENT_COVER_MISSING = envelope(
            Events.URGENT_COVER_MISSING, "9e5c6f0d-1a2b-4ce9-9df0-6e7f8a9bacba", SUBMITTED_AT.plusMillis(240),
            URGENT_INTAKE_FLAGGED.eventId().toString(),
            new UrgentCoverMissing("CA", RiskTier.ELEVATED, List.of("NO_ON_CALL_COVER_FOR_STATE")));

    public static final EventEnvelope<NotificationSent> NOTIFICATION_SENT = envelope(
            Events.NOTIFICATION_SENT, "7c3a4d8b-9e0f-4ac7-9bd8-4c5d6e7f8a98", SUBMITTED_AT.plusMillis(900),
            URGENT_INTAKE_FLAGGED.eventId().toString(),
            new NotificationSent(NotificationReason.CRISIS_RESOURCES, Channel.SMS, "crisis-resources-sms", 2,
                    "msg-4f0d1a5e-crisis-sms"));

    public static final EventEnvelope<NotificationFailed> NOTIFICATION_FAILED = envelope(
            Events.NOTIFICATION_FAILED, "8d4b5e9c-0f1a-4bd8-8ce9-5d6e7f8a9ba9", SUBMITTED_AT.plusMillis(1200),
            CLINICIAN_ASSIGNED.eventId().toString(),
            new NotificationFailed(NotificationReason.MATCH_CONFIRMATION, Channel.EMAIL, "match-confirmation-email",
                    "EMAIL_ADDRESS_REJECTED"));

    /** Every example, keyed by its event type, in the order of {@link Events#ALL}. */
    public static final Map<EventType<?>, EventEnvelope<?>> ALL = byType(
            INTAKE_SUBMITTED, INTAKE_CONTACT_PROVIDED, INTAKE_TRIAGED, TRIAGE_ASSESSED, URGENT_INTAKE_FLAGGED,
            CLINICIAN_ASSIGNED, INTAKE_WAITLISTED, URGENT_COVER_MISSING, NOTIFICATION_SENT, NOTIFICATION_FAILED);

    /** A roster entry with every field set: the clinician of {@link #CLINICIAN_ASSIGNED}. */
    public static final ClinicianProfile CLINICIAN_PROFILE = new ClinicianProfile(
            "clin-0042", "Dr. Rosa Example", "PsyD", Set.of("CA", "NV"),
            Set.of(Modality.VIDEO, Modality.PHONE), Set.of("en", "es"), "FEMALE",
            Set.of(Specialty.DEPRESSION, Specialty.CRISIS), 24, true,
            List.of(new OnCallShift(Set.of("CA", "NV"), Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), "18:00",
                    "08:00", "America/Los_Angeles")),
            Set.of("WEEKDAY_EVENING", "SATURDAY_MORNING"), "rosa.example@clinicians.therapyplatform.example",
            "+15555550142");

    /** One example value per table of {@link Tables#ALL}. */
    public static final Map<TableType<?>, Object> TABLE_VALUES = Map.of(Tables.CLINICIAN_PROFILE, CLINICIAN_PROFILE);

    private ExampleEvents() {
    }

    /** The example of {@code type}; fails if there is none (every event of the catalog must have one). */
    @SuppressWarnings("unchecked")
    public static <P> EventEnvelope<P> of(EventType<P> type) {
        EventEnvelope<?> example = ALL.get(type);
        if (example == null) {
            throw new IllegalArgumentException("no example for event " + type.name() + " v" + type.version());
        }
        return (EventEnvelope<P>) example;
    }

    private static <P> EventEnvelope<P> envelope(EventType<P> type, String eventId, Instant occurredAt,
            String causationId, P payload) {
        return new EventEnvelope<>(UUID.fromString(eventId), type.name(), type.version(), occurredAt, INTAKE_ID,
                SUBMITTED_AT, FIRST_EVENT_ID, causationId, payload);
    }

    private static Map<EventType<?>, EventEnvelope<?>> byType(EventEnvelope<?>... examples) {
        Map<EventType<?>, EventEnvelope<?>> map = new LinkedHashMap<>();
        for (EventEnvelope<?> example : examples) {
            EventType<?> type = Events.find(example.eventType(), example.schemaVersion()).orElseThrow();
            map.put(type, example);
        }
        return Collections.unmodifiableMap(map);
    }
}
