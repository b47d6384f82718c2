package com.therapyplatform.intake.outcome;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The one place where every submission's outcome is reported, to every {@link IntakeOutcomeListener} bean. */
@Component
public class IntakeOutcomes {

    private static final Logger log = LoggerFactory.getLogger(IntakeOutcomes.class);

    private final List<IntakeOutcomeListener> listeners;

    public IntakeOutcomes(ObjectProvider<IntakeOutcomeListener> listeners) {
        this.listeners = listeners.orderedStream().toList();
    }

    public void report(IntakeOutcome outcome) {
        for (IntakeOutcomeListener listener : listeners) {
            try {
                listener.outcome(outcome);
            } catch (RuntimeException e) {
                // counting must never change the answer the person gets
                log.warn("Intake outcome listener failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    public void rejected(IntakeOutcome.Reason reason) {
        report(IntakeOutcome.rejected(reason));
    }
}
