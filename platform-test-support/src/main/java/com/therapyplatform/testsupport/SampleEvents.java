package com.therapyplatform.testsupport;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ready-made upstream events for service tests: a routine intake and an urgent one. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static String newIntakeId() {
        return UUID.randomUUID().toString();
    }

    public static RoutingProfile routing(String state) {
        return new RoutingProfile(state, "en", Modality.VIDEO, "NO_PREFERENCE", List.of("WEEKDAY_EVENING"));
    }

    /** PHQ-9 answers with the given total spread over items 1-8, and item 9 as given. */
    public static Map<String, Integer> phq9(int totalOfItems1To8, int item9) {
        Map<String, Integer> answers = new HashMap<>();
        int left = totalOfItems1To8;
        for (int item = 1; item <= 8; item++) {
            int score = Math.min(3, left);
            answers.put("phq9." + item, score);
            left -= score;
        }
        answers.put("phq9.9", item9);
        return answers;
    }

    public static EventEnvelope<IntakeSubmitted> submitted(String intakeId, Map<String, Integer> answers,
            List<String> concerns) {
        return EventEnvelope.first(Events.INTAKE_SUBMITTED, intakeId, Instant.now(),
                new IntakeSubmitted("adult-intake", 1, routing("CA"), "FEMALE", concerns, answers, null));
    }

    public static EventEnvelope<IntakeSubmitted> routineSubmitted(String intakeId) {
        return submitted(intakeId, phq9(6, 0), List.of("PARTNER_RELATIONSHIP"));
    }

    public static EventEnvelope<IntakeSubmitted> urgentSubmitted(String intakeId) {
        return submitted(intakeId, phq9(12, 2), List.of());
    }

    public static EventEnvelope<IntakeContactProvided> contact(EventEnvelope<IntakeSubmitted> submitted,
            String email) {
        return EventEnvelope.sibling(submitted, Events.INTAKE_CONTACT_PROVIDED,
                new IntakeContactProvided("Test Person", email, null, true, false, true, "en"));
    }
}
