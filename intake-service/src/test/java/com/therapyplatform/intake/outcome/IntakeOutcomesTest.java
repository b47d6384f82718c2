package com.therapyplatform.intake.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class IntakeOutcomesTest {

    @Test
    void aFailingListenerNeitherBreaksTheRequestNorTheOtherListeners() {
        List<IntakeOutcome> heard = new ArrayList<>();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("failing", (IntakeOutcomeListener) outcome -> {
            throw new IllegalStateException("registry down");
        });
        beans.addBean("recording", (IntakeOutcomeListener) heard::add);
        IntakeOutcomes outcomes = new IntakeOutcomes(beans.getBeanProvider(IntakeOutcomeListener.class));

        outcomes.report(IntakeOutcome.ACCEPTED);
        outcomes.rejected(IntakeOutcome.Reason.RATE_LIMITED);

        assertThat(heard).containsExactly(IntakeOutcome.ACCEPTED,
                new IntakeOutcome(IntakeOutcome.Kind.REJECTED, IntakeOutcome.Reason.RATE_LIMITED));
    }
}
