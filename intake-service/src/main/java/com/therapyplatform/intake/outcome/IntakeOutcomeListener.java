package com.therapyplatform.intake.outcome;

/**
 * Told how every submission ended (e.g. to count outcomes as metrics): declare a bean. Called on the
 * request thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface IntakeOutcomeListener {

    void outcome(IntakeOutcome outcome);
}
