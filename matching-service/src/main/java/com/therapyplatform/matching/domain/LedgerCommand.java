package com.therapyplatform.matching.domain;

/** What a clinician's capacity ledger is asked to do; keyed by clinician id, so one writer decides. */
public sealed interface LedgerCommand {

    /** Take this new intake if there is room (after offering the room to waitlisted intakes first). */
    record Reserve(String intakeId) implements LedgerCommand {
    }

    /** The intake accepted offer number {@code offer}: its hold becomes an assignment. */
    record Accept(String intakeId, long offer) implements LedgerCommand {
    }

    /** The intake did not take offer {@code offer} (assigned elsewhere meanwhile, or no longer suitable). */
    record Decline(String intakeId, String arrivalKey, long offer) implements LedgerCommand {
    }

    /** An engagement ended: the slot is free again. */
    record Release(String intakeId) implements LedgerCommand {
    }

    /** The roster changed for this clinician, or time to look again: offer free room to the waitlist. */
    record Refill() implements LedgerCommand {
    }

    /** An urgent intake was given to this clinician as on-call cover: counted apart from capacity. */
    record OnCallAssigned(String intakeId) implements LedgerCommand {
    }
}
