package com.therapyplatform.contracts;

import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.contracts.events.TriageAssessed;
import com.therapyplatform.contracts.events.UrgentCoverMissing;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import java.util.List;
import java.util.Optional;

/** The v1 event catalog: one typed entry per event, the single place that ties name, version and topic. */
public final class Events {

    /** Routine intakes; urgent ones go to {@link Topics#INTAKE_SUBMITTED_URGENT} ({@code INTAKE_SUBMITTED.on(...)}). */
    public static final EventType<IntakeSubmitted> INTAKE_SUBMITTED =
            new EventType<>("IntakeSubmitted", 1, IntakeSubmitted.class, Topics.INTAKE_SUBMITTED);
    public static final EventType<IntakeContactProvided> INTAKE_CONTACT_PROVIDED =
            new EventType<>("IntakeContactProvided", 1, IntakeContactProvided.class, Topics.INTAKE_CONTACT);
    public static final EventType<IntakeTriaged> INTAKE_TRIAGED =
            new EventType<>("IntakeTriaged", 1, IntakeTriaged.class, Topics.INTAKE_TRIAGED);
    public static final EventType<TriageAssessed> TRIAGE_ASSESSED =
            new EventType<>("TriageAssessed", 1, TriageAssessed.class, Topics.TRIAGE_ASSESSMENTS);
    public static final EventType<UrgentIntakeFlagged> URGENT_INTAKE_FLAGGED =
            new EventType<>("UrgentIntakeFlagged", 1, UrgentIntakeFlagged.class, Topics.INTAKE_URGENT);
    public static final EventType<ClinicianAssigned> CLINICIAN_ASSIGNED =
            new EventType<>("ClinicianAssigned", 1, ClinicianAssigned.class, Topics.INTAKE_MATCHED);
    public static final EventType<IntakeWaitlisted> INTAKE_WAITLISTED =
            new EventType<>("IntakeWaitlisted", 1, IntakeWaitlisted.class, Topics.INTAKE_WAITLISTED);
    public static final EventType<UrgentCoverMissing> URGENT_COVER_MISSING =
            new EventType<>("UrgentCoverMissing", 1, UrgentCoverMissing.class, Topics.MATCHING_ESCALATIONS);
    public static final EventType<NotificationSent> NOTIFICATION_SENT =
            new EventType<>("NotificationSent", 1, NotificationSent.class, Topics.NOTIFICATION_SENT);
    public static final EventType<NotificationFailed> NOTIFICATION_FAILED =
            new EventType<>("NotificationFailed", 1, NotificationFailed.class, Topics.NOTIFICATION_FAILED);

    public static final List<EventType<?>> ALL = List.of(
            INTAKE_SUBMITTED, INTAKE_CONTACT_PROVIDED, INTAKE_TRIAGED, TRIAGE_ASSESSED, URGENT_INTAKE_FLAGGED,
            CLINICIAN_ASSIGNED, INTAKE_WAITLISTED, URGENT_COVER_MISSING, NOTIFICATION_SENT, NOTIFICATION_FAILED);

    private Events() {
    }

    public static Optional<EventType<?>> find(String name, int version) {
        return ALL.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
    }
}
