package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.domain.ReasonCodes.*;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The decisions of one intake's matching desk: rank the candidates, ask the ledgers of those with room
 * one at a time, go to the waitlist when every one is full, take the first offer while waiting. Only the desk
 * publishes an intake's outcome, so an intake is assigned once, however many ledgers answer.
 */
public final class Desk {

    private final Matcher matcher;

    public Desk(Matcher matcher) {
        this.matcher = matcher;
    }

    /** The outcome to publish, if the step decided one. */
    public sealed interface Outcome {

        record Assigned(ClinicianProfile clinician, List<String> reasonCodes) implements Outcome {
        }

        record Waitlisted(List<String> unmetConstraints, List<String> reasonCodes) implements Outcome {
        }
    }

    /** How the step changes the waitlist. */
    public enum WaitlistChange {
        NONE,
        ENTER,
        LEAVE
    }

    public record Step(IntakeCase next, List<Addressed<LedgerCommand>> toLedgers, Outcome outcome,
            WaitlistChange waitlist) {

        static Step nothing(IntakeCase current) {
            return new Step(current, List.of(), null, WaitlistChange.NONE);
        }
    }

    /** The roster as the desk sees it now. */
    public interface Roster {

        Collection<ClinicianProfile> all();

        ClinicianProfile find(String clinicianId);
    }

    public Step onTriaged(IntakeCase existing, EventEnvelope<IntakeTriaged> triaged, Roster roster,
            ToIntFunction<String> routineLoad) {
        if (existing != null) {
            return Step.nothing(existing); // the same intake again: it has its decision already
        }
        var routing = triaged.payload().routing();
        var ranking = matcher.rank(routing, triaged.payload().categories(), roster.all(), routineLoad);
        if (ranking.candidates().isEmpty()) {
            return new Step(waiting(triaged), List.of(), new Outcome.Waitlisted(ranking.unmetConstraints(),
                    List.of(NO_CLINICIAN_MEETS_ALL_CONSTRAINTS)), WaitlistChange.ENTER);
        }
        // only clinicians the published caseloads show with room are asked: each ask costs two exactly-once
        // hops, and under a surge every full one says no (5-8 asks per intake in the fault suite). One that
        // has room after all (its caseload not yet published) offers it to the waitlist, earliest first
        List<String> candidates = ranking.candidates().stream().map(Matcher.Candidate::clinician)
                .filter(c -> !Matcher.full(c, routineLoad)).map(ClinicianProfile::id).toList();
        if (candidates.isEmpty()) {
            return new Step(waiting(triaged), List.of(), allFull(), WaitlistChange.ENTER);
        }
        IntakeCase seeking = new IntakeCase(triaged, IntakeCase.Status.SEEKING, candidates, 0, null);
        return new Step(seeking, List.of(reserve(seeking)), null, WaitlistChange.NONE);
    }

    public Step onReservation(String intakeId, IntakeCase current, String clinicianId, boolean granted,
            Roster roster, ToIntFunction<String> routineLoad) {
        if (current == null || current.status() != IntakeCase.Status.SEEKING
                || !clinicianId.equals(current.candidates().get(current.attempt()))) {
            // not the answer this desk waits for: give back anything it granted
            return new Step(current, granted ? List.of(release(clinicianId, intakeId)) : List.of(), null,
                    WaitlistChange.NONE);
        }
        List<Addressed<LedgerCommand>> out = new ArrayList<>();
        if (granted) {
            ClinicianProfile clinician = roster.find(clinicianId);
            var routing = current.triaged().payload().routing();
            var categories = current.triaged().payload().categories();
            if (matcher.eligible(clinician, routing, categories)) {
                var candidate = matcher.candidate(clinician, routing, categories, routineLoad.applyAsInt(clinicianId));
                return new Step(current.assignedTo(clinicianId), List.of(),
                        new Outcome.Assigned(clinician, candidate.reasonCodes()), WaitlistChange.NONE);
            }
            out.add(release(clinicianId, intakeId)); // the roster changed under the reservation
        }
        // the caseloads have moved since the candidates were ranked (a burst of intakes asks the same
        // clinicians): skip those that look full now rather than ask them and wait for a refusal
        int nextAttempt = current.attempt() + 1;
        while (nextAttempt < current.candidates().size()
                && looksFull(current.candidates().get(nextAttempt), roster, routineLoad)) {
            nextAttempt++;
        }
        if (nextAttempt < current.candidates().size()) {
            IntakeCase seeking = current.seeking(nextAttempt);
            out.add(reserve(seeking));
            return new Step(seeking, out, null, WaitlistChange.NONE);
        }
        return new Step(current.waitingNow(), out, allFull(), WaitlistChange.ENTER);
    }

    private static boolean looksFull(String clinicianId, Roster roster, ToIntFunction<String> routineLoad) {
        ClinicianProfile clinician = roster.find(clinicianId);
        return clinician == null || Matcher.full(clinician, routineLoad);
    }

    private static IntakeCase waiting(EventEnvelope<IntakeTriaged> triaged) {
        return new IntakeCase(triaged, IntakeCase.Status.WAITING, List.of(), 0, null);
    }

    private static Outcome.Waitlisted allFull() {
        return new Outcome.Waitlisted(List.of(HAS_CAPACITY), List.of(ALL_SUITABLE_CLINICIANS_FULL));
    }

    public Step onOffer(String intakeId, IntakeCase current, DeskMessage.Offer offer, Roster roster,
            ToIntFunction<String> routineLoad) {
        String clinicianId = offer.clinicianId();
        var decline = new Addressed<LedgerCommand>(clinicianId,
                new LedgerCommand.Decline(intakeId, offer.arrivalKey(), offer.offer()));
        if (current == null || current.status() != IntakeCase.Status.WAITING) {
            return new Step(current, List.of(decline), null, WaitlistChange.NONE);
        }
        ClinicianProfile clinician = roster.find(clinicianId);
        var routing = current.triaged().payload().routing();
        var categories = current.triaged().payload().categories();
        if (!matcher.eligible(clinician, routing, categories)) {
            return new Step(current, List.of(decline), null, WaitlistChange.NONE);
        }
        List<String> reasons = new ArrayList<>(matcher.candidate(clinician, routing, categories,
                routineLoad.applyAsInt(clinicianId)).reasonCodes());
        reasons.add(REMATCHED_FROM_WAITLIST);
        return new Step(current.assignedTo(clinicianId),
                List.of(new Addressed<>(clinicianId, new LedgerCommand.Accept(intakeId, offer.offer()))),
                new Outcome.Assigned(clinician, List.copyOf(reasons)), WaitlistChange.LEAVE);
    }

    private static Addressed<LedgerCommand> reserve(IntakeCase seeking) {
        return new Addressed<>(seeking.candidates().get(seeking.attempt()),
                new LedgerCommand.Reserve(seeking.intakeId()));
    }

    private static Addressed<LedgerCommand> release(String clinicianId, String intakeId) {
        return new Addressed<>(clinicianId, new LedgerCommand.Release(intakeId));
    }
}
