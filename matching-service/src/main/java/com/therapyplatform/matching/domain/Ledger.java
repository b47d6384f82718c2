package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.domain.CapacityLedger.minus;
import static com.therapyplatform.matching.domain.CapacityLedger.plus;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The decisions of one clinician's capacity ledger. Exactly one ledger decides for a clinician at a
 * time (its commands are keyed by clinician id), so "is there room?" and "take it" cannot interleave
 * with another decision for the same clinician: that is what keeps capacity from being exceeded.
 */
public final class Ledger {

    private final Matcher matcher;

    public Ledger(Matcher matcher) {
        this.matcher = matcher;
    }

    /** The ledger after a command, and what to tell the desks of the intakes concerned. */
    public record Step(CapacityLedger ledger, List<Addressed<DeskMessage>> toDesks) {
    }

    /** What a ledger can see of the waitlist: entries in order of arrival, and whether a key still waits. */
    public interface Waitlist {

        /**
         * Visits, in order of arrival, the entries whose fit {@code mayTake} accepts, while the visitor answers
         * true. {@code mayTake} answers the same for the same fit during one walk, so a waitlist indexed by fit
         * may skip a whole fit on one answer.
         */
        void inOrderOfArrival(Predicate<Matcher.Fit> mayTake, Predicate<WaitingIntake> visitWhileTrue);

        boolean contains(String arrivalKey);
    }

    /**
     * @param profile the clinician as the roster has it now (null when removed: no new clients)
     */
    public Step handle(CapacityLedger ledger, LedgerCommand command, ClinicianProfile profile, Waitlist waitlist) {
        List<Addressed<DeskMessage>> out = new ArrayList<>();
        String id = ledger.clinicianId();
        CapacityLedger next;
        if (command instanceof LedgerCommand.Reserve r) {
            // waitlisted intakes are first in line for room that has come free
            CapacityLedger refilled = refill(ledger, profile, waitlist, out);
            boolean granted = refilled.assigned().contains(r.intakeId())
                    || refilled.hasRoom(profile) && !refilled.held().containsKey(r.intakeId());
            out.add(new Addressed<>(r.intakeId(), new DeskMessage.Reservation(id, granted)));
            next = granted ? refilled.withAssigned(plus(refilled.assigned(), r.intakeId())) : refilled;
        } else if (command instanceof LedgerCommand.Accept a) {
            // only a hold becomes an assignment: a duplicate, or one after a release, changes nothing
            next = ledger.holdsFor(a.intakeId(), a.offer())
                    ? ledger.withoutHold(a.intakeId()).withAssigned(plus(ledger.assigned(), a.intakeId()))
                    : ledger;
        } else if (command instanceof LedgerCommand.Decline d) {
            CapacityLedger answered = ledger.holdsFor(d.intakeId(), d.offer()) ? ledger.withoutHold(d.intakeId())
                    : ledger;
            next = refill(answered.withDeclined(plus(answered.declined(), d.arrivalKey())), profile, waitlist, out);
        } else if (command instanceof LedgerCommand.Release r) {
            // a release can overtake the acceptance of an offer (other channel): then it ends the hold,
            // and the late acceptance finds nothing to turn into an assignment
            next = refill(ledger.withAssigned(minus(ledger.assigned(), r.intakeId()))
                    .withoutHold(r.intakeId())
                    .withOnCall(minus(ledger.onCall(), r.intakeId())), profile, waitlist, out);
        } else if (command instanceof LedgerCommand.OnCallAssigned o) {
            next = ledger.withOnCall(plus(ledger.onCall(), o.intakeId()));
        } else {
            next = refill(ledger, profile, waitlist, out);
        }
        return new Step(next, List.copyOf(out));
    }

    /**
     * Offers free room to waitlisted intakes in order of arrival, holding a slot for each offer. Skips
     * intakes this clinician may not take (a hard constraint) and those that declined it before. Whether it
     * may take an intake is decided once per fit: a clinician with room usually fits none of the waiting (else
     * they would have had an offer), and deciding per intake made every such walk cost the whole waitlist.
     */
    CapacityLedger refill(CapacityLedger ledger, ClinicianProfile profile, Waitlist waitlist,
            List<Addressed<DeskMessage>> out) {
        Set<String> declined = ledger.declined().stream().filter(waitlist::contains).collect(Collectors.toSet());
        CapacityLedger current = ledger.withDeclined(declined);
        if (!current.hasRoom(profile)) {
            return current;
        }
        CapacityLedger[] result = {current};
        Map<Matcher.Fit, Boolean> mayTake = new HashMap<>();
        waitlist.inOrderOfArrival(fit -> mayTake.computeIfAbsent(fit, f -> matcher.eligible(profile, f)), waiting -> {
            CapacityLedger now = result[0];
            if (!now.holds(waiting.intakeId()) && (declined.isEmpty() || !declined.contains(waiting.arrivalKey()))) {
                result[0] = now.withNewHold(waiting.intakeId());
                out.add(new Addressed<>(waiting.intakeId(), new DeskMessage.Offer(now.clinicianId(),
                        waiting.arrivalKey(), result[0].lastOffer())));
            }
            return result[0].hasRoom(profile);
        });
        return result[0];
    }
}
