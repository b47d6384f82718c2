package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.intake.status.IntakeStatus;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    @Test
    void urgentIntakeSeesEveryCrisisResourceWhateverThePhase() {
        for (IntakeStatus status : new IntakeStatus[] {IntakeStatus.NONE.flaggedUrgent(),
                IntakeStatus.NONE.flaggedUrgent().matched("Dr. Sam Example", "MD")}) {
            StatusView view = StatusView.of("id", status);

            assertThat(view.crisisResources()).extracting(StatusView.CrisisResource::howToReach)
                    .anySatisfy(how -> assertThat(how).contains("Call or text 988", "chat"))
                    .anySatisfy(how -> assertThat(how).contains("HOME to 741741"))
                    .anySatisfy(how -> assertThat(how).contains("911"));
        }
    }

    @Test
    void routineIntakeSeesNoCrisisResourcesAndItsClinicianOnceMatched() {
        assertThat(StatusView.of("id", IntakeStatus.NONE.triaged()).crisisResources()).isEmpty();
        assertThat(StatusView.of("id", IntakeStatus.NONE.triaged()).clinician()).isNull();

        StatusView matched = StatusView.of("id", IntakeStatus.NONE.matched("Dr. Sam Example", "PsyD"));
        assertThat(matched.status()).isEqualTo("MATCHED");
        assertThat(matched.clinician()).isEqualTo(new StatusView.Clinician("Dr. Sam Example", "PsyD"));
        assertThat(matched.message()).contains("Dr. Sam Example", "PsyD");
    }
}
