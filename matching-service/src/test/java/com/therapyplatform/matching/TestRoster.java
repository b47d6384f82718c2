package com.therapyplatform.matching;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Clinicians, routing profiles and intakes for tests, built from a few parameters. */
public final class TestRoster {

    private TestRoster() {
    }

    public static ClinicianProfile clinician(String id, Set<String> states, int capacity, Specialty... specialties) {
        return new ClinicianProfile(id, "Clinician " + id, "LCSW", states, Set.of(Modality.VIDEO, Modality.PHONE),
                Set.of("en"), "FEMALE", Set.of(specialties), capacity, true, List.of(), Set.of("WEEKDAY_EVENING"),
                id + "@clinicians.example", "+15555550100");
    }

    /** On call for {@code states} around the clock, every day. */
    public static ClinicianProfile onCall(String id, Set<String> states) {
        return new ClinicianProfile(id, "On-call " + id, "PsyD", states, Set.of(Modality.VIDEO, Modality.PHONE), Set.of("en"), "MALE",
                Set.of(Specialty.CRISIS), 5, true,
                List.of(new OnCallShift(states, EnumSet.allOf(DayOfWeek.class), "00:00", "24:00", "UTC")),
                Set.of(), null, null);
    }

    public static RoutingProfile routing(String state) {
        return new RoutingProfile(state, "en", Modality.VIDEO, "NO_PREFERENCE", List.of("WEEKDAY_EVENING"));
    }

    public static EventEnvelope<IntakeTriaged> triaged(String intakeId, String state, Set<Category> categories,
            Instant submittedAt) {
        return new EventEnvelope<>(UUID.randomUUID(), Events.INTAKE_TRIAGED.name(), 1, submittedAt.plusMillis(100),
                intakeId, submittedAt, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                new IntakeTriaged(routing(state), categories, RiskTier.NONE, List.of(), "test"));
    }

    public static EventEnvelope<UrgentIntakeFlagged> urgent(String intakeId, String state) {
        Instant now = Instant.now();
        return new EventEnvelope<>(UUID.randomUUID(), Events.URGENT_INTAKE_FLAGGED.name(), 1, now, intakeId, now,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                new UrgentIntakeFlagged(routing(state), RiskTier.ELEVATED, "test"));
    }
}
