package com.therapyplatform.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.testsupport.SampleEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeLanesTest {

    private final IntakeLanes lanes = new IntakeLanes(Questionnaire.current());

    @Test
    void urgentIntakeTakesThePriorityTopicAndRoutineIntakeTheRoutineTopic() {
        assertThat(lanes.topicOf(SampleEvents.urgentSubmitted("u").payload()))
                .isEqualTo(Topics.INTAKE_SUBMITTED_URGENT);
        assertThat(lanes.topicOf(SampleEvents.routineSubmitted("r").payload())).isEqualTo(Topics.INTAKE_SUBMITTED);
    }

    @Test
    void aSubmissionTheRulesRejectTakesTheRoutineTopicWhereTriageDeadLettersIt() {
        var invalid = SampleEvents.submitted("x", SampleEvents.completeAnswers(Map.of("phq9.9", 7)), List.of());

        assertThat(lanes.topicOf(invalid.payload())).isEqualTo(Topics.INTAKE_SUBMITTED);
    }
}
