package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.IntakeTriaged;

/** What the matching desk of an intake receives; keyed by intake id, so one writer decides per intake. */
public sealed interface DeskMessage {

    /** A routine intake to match. */
    record Triaged(EventEnvelope<IntakeTriaged> event) implements DeskMessage {
    }

    /** A ledger's answer to {@link LedgerCommand.Reserve}. */
    record Reservation(String clinicianId, boolean granted) implements DeskMessage {
    }

    /** A ledger holds a slot for this waitlisted intake, under offer number {@code offer}. */
    record Offer(String clinicianId, String arrivalKey, long offer) implements DeskMessage {
    }
}
