package com.therapyplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void intakeSubmittedOnThePriorityTopicIsTheSameEventOnAnotherProvisionedTopic() {
        EventType<?> urgent = Events.INTAKE_SUBMITTED.on(Topics.INTAKE_SUBMITTED_URGENT);

        assertThat(urgent.topic()).isEqualTo("intake.submitted.urgent.v1");
        assertThat(urgent.name()).isEqualTo(Events.INTAKE_SUBMITTED.name());
        assertThat(urgent.version()).isEqualTo(Events.INTAKE_SUBMITTED.version());
        assertThat(urgent.schemaResource()).isEqualTo(Events.INTAKE_SUBMITTED.schemaResource());
        // provisioned like the routine topic: same retention, not compacted
        assertThat(Topics.spec(Topics.INTAKE_SUBMITTED_URGENT))
                .isEqualTo(TopicSpec.stream(Topics.INTAKE_SUBMITTED_URGENT, Topics.spec(Topics.INTAKE_SUBMITTED)
                        .retention()));
    }

    @Test
    void anEventCannotBeMovedToATopicThePlatformDoesNotHave() {
        assertThatThrownBy(() -> Events.INTAKE_SUBMITTED.on("intake.submitted.v2"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
