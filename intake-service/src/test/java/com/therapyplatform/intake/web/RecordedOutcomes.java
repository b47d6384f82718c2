package com.therapyplatform.intake.web;

import com.therapyplatform.intake.outcome.IntakeOutcome;
import com.therapyplatform.intake.outcome.IntakeOutcomeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;

/** Every submission outcome the service reported, in order (the hook metrics will count). */
@TestConfiguration(proxyBeanMethods = false)
class RecordedOutcomes implements IntakeOutcomeListener {

    private final List<IntakeOutcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void outcome(IntakeOutcome outcome) {
        outcomes.add(outcome);
    }

    /** The outcomes reported from now on, as {@code since(mark())}. */
    int mark() {
        return outcomes.size();
    }

    List<IntakeOutcome> since(int mark) {
        return List.copyOf(outcomes.subList(mark, outcomes.size()));
    }
}
