package com.therapyplatform.testsupport;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.questionnaire.Instrument;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.questionnaire.Requirement;
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

    /**
     * A complete, valid answer set of the current questionnaire with the least distress: every item
     * of every required instrument at its lowest value, no current partner (so CSI-4 is not asked),
     * then {@code overrides} on top.
     */
    public static Map<String, Integer> completeAnswers(Map<String, Integer> overrides) {
        Questionnaire questionnaire = Questionnaire.current();
        Map<String, Integer> answers = new HashMap<>();
        answers.put(Questionnaire.PARTNER_ITEM, 0);
        for (Instrument instrument : questionnaire.definedInstruments()) {
            if (questionnaire.enabled(instrument.id()) && instrument.requirement() == Requirement.REQUIRED
                    && instrument.askedWhen().holds(answers)) {
                instrument.items().stream().filter(item -> item.askedWhen().holds(answers))
                        .forEach(item -> answers.put(item.id(), item.minValue()));
            }
        }
        answers.putAll(overrides);
        return answers;
    }

    /** Complete answers (see {@link #completeAnswers}) with the given PHQ-9 total spread over items 1-8, and item 9 as given. */
    public static Map<String, Integer> phq9(int totalOfItems1To8, int item9) {
        Map<String, Integer> answers = completeAnswers(Map.of());
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
