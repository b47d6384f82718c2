package com.therapyplatform.intake.messaging;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.triage.domain.TriageRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses the topic of an intake's answers. An intake the triage rules find urgent goes to
 * {@link Topics#INTAKE_SUBMITTED_URGENT}, which triage-service reads with a consumer of its own, so
 * that a routine backlog in front of triage cannot delay its crisis resources; every other intake goes
 * to {@link Topics#INTAKE_SUBMITTED}. The rules are triage's own, on the questionnaire this service
 * validates with (the same {@code questionnaire.disabled-instruments} as triage), so both agree on
 * what is urgent; triage still makes the decision that counts.
 *
 * <p>No log line, metric or header here names the lane of an intake: urgency tied to an intake is PHI.
 */
@Component
public class IntakeLanes {

    private static final Logger log = LoggerFactory.getLogger(IntakeLanes.class);

    private final TriageRules rules;

    public IntakeLanes(Questionnaire questionnaire) {
        this.rules = new TriageRules(questionnaire);
    }

    public String topicOf(IntakeSubmitted submitted) {
        try {
            return rules.assess(submitted).urgent() ? Topics.INTAKE_SUBMITTED_URGENT : Topics.INTAKE_SUBMITTED;
        } catch (RuntimeException e) {
            // not expected (the submission was validated): triage dead-letters it from the routine topic, as
            // it would any submission it cannot assess. The class only, and no intake id: see above
            log.warn("Triage rules failed on a validated submission ({}); sent to the routine topic",
                    e.getClass().getSimpleName());
            return Topics.INTAKE_SUBMITTED;
        }
    }
}
