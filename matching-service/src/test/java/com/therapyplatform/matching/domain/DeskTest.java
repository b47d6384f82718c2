package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.TestRoster.clinician;
import static com.therapyplatform.matching.TestRoster.triaged;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeskTest {

    private final Desk desk = new Desk(new Matcher());
    private final MapRoster view = new MapRoster();
    private final IntakeCase noCase = null;

    private void onRoster(ClinicianProfile... clinicians) {
        view.put(clinicians);
    }

    private Desk.Step arrive(String intakeId, Category... categories) {
        return desk.onTriaged(noCase, triaged(intakeId, "CA", Set.of(categories), Instant.now()), view, id -> 0);
    }

    @Test
    void aNewIntakeAsksTheBestCandidatesLedgerFirst() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5, Specialty.DEPRESSION));

        var step = arrive("i1", Category.POSSIBLE_DEPRESSION);

        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.SEEKING);
        assertThat(step.next().candidates()).containsExactly("b", "a");
        assertThat(step.toLedgers()).containsExactly(new Addressed<>("b", new LedgerCommand.Reserve("i1")));
        assertThat(step.outcome()).isNull();
    }

    @Test
    void anIntakeNobodyMayTakeIsWaitlistedAtOnceWithTheUnmetConstraints() {
        onRoster(clinician("a", Set.of("NY"), 5));

        var step = arrive("i1");

        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.WAITING);
        assertThat(step.outcome()).isEqualTo(new Desk.Outcome.Waitlisted(List.of("LICENSED_IN_STATE"),
                List.of("NO_CLINICIAN_MEETS_ALL_CONSTRAINTS")));
        assertThat(step.waitlist()).isEqualTo(Desk.WaitlistChange.ENTER);
    }

    @Test
    void aRefusedReservationGoesToTheNextCandidateAndWhenAllAreFullTheIntakeIsWaitlisted() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5));
        var first = arrive("i1").next();

        var second = desk.onReservation("i1", first, "a", false, view, id -> 0);
        assertThat(second.toLedgers()).containsExactly(new Addressed<>("b", new LedgerCommand.Reserve("i1")));
        var last = desk.onReservation("i1", second.next(), "b", false, view, id -> 0);

        assertThat(last.next().status()).isEqualTo(IntakeCase.Status.WAITING);
        assertThat(last.outcome()).isEqualTo(new Desk.Outcome.Waitlisted(List.of("HAS_CAPACITY"),
                List.of("ALL_SUITABLE_CLINICIANS_FULL")));
        assertThat(last.waitlist()).isEqualTo(Desk.WaitlistChange.ENTER);
    }

    @Test
    void onlyCliniciansThePublishedCaseloadsShowWithRoomAreAsked() {
        onRoster(clinician("a", Set.of("CA"), 5, Specialty.DEPRESSION), clinician("b", Set.of("CA"), 5),
                clinician("c", Set.of("CA"), 2));
        var caseloads = java.util.Map.of("a", 5, "b", 1, "c", 2); // a and c full

        var step = desk.onTriaged(noCase, triaged("i1", "CA", Set.of(Category.POSSIBLE_DEPRESSION), Instant.now()),
                view, id -> caseloads.get(id));

        assertThat(step.next().candidates()).containsExactly("b");
        assertThat(step.toLedgers()).containsExactly(new Addressed<>("b", new LedgerCommand.Reserve("i1")));
    }

    @Test
    void whenEveryEligibleClinicianLooksFullTheIntakeIsWaitlistedAtOnceWithoutAskingAnyLedger() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 3), clinician("ny", Set.of("NY"), 5));

        var step = desk.onTriaged(noCase, triaged("i1", "CA", Set.of(), Instant.now()), view,
                id -> id.equals("ny") ? 0 : 5);

        assertThat(step.toLedgers()).isEmpty();
        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.WAITING);
        assertThat(step.outcome()).isEqualTo(new Desk.Outcome.Waitlisted(List.of("HAS_CAPACITY"),
                List.of("ALL_SUITABLE_CLINICIANS_FULL")));
        assertThat(step.waitlist()).isEqualTo(Desk.WaitlistChange.ENTER);
    }

    @Test
    void afterARefusalCandidatesThatLookFullNowAreSkippedAndWhenNoneIsLeftTheIntakeIsWaitlisted() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5), clinician("c", Set.of("CA"), 5));
        var seeking = arrive("i1").next();
        assertThat(seeking.candidates()).containsExactly("a", "b", "c");
        var loads = new java.util.HashMap<>(java.util.Map.of("a", 5, "b", 5, "c", 1)); // b filled up meanwhile

        var afterA = desk.onReservation("i1", seeking, "a", false, view, loads::get);
        assertThat(afterA.toLedgers()).containsExactly(new Addressed<>("c", new LedgerCommand.Reserve("i1")));

        loads.put("c", 5);
        var afterC = desk.onReservation("i1", afterA.next(), "c", false, view, loads::get);
        assertThat(afterC.toLedgers()).isEmpty();
        assertThat(afterC.outcome()).isEqualTo(new Desk.Outcome.Waitlisted(List.of("HAS_CAPACITY"),
                List.of("ALL_SUITABLE_CLINICIANS_FULL")));
    }

    @Test
    void aGrantedReservationAssignsTheIntakeWithTheCandidatesReasons() {
        onRoster(clinician("a", Set.of("CA"), 5, Specialty.RELATIONSHIP));
        var seeking = arrive("i1", Category.RELATIONSHIP_CONCERN).next();

        var step = desk.onReservation("i1", seeking, "a", true, view, id -> 0);

        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.ASSIGNED);
        assertThat(step.outcome()).isInstanceOfSatisfying(Desk.Outcome.Assigned.class, a -> {
            assertThat(a.clinician().id()).isEqualTo("a");
            assertThat(a.reasonCodes()).contains("LICENSED_IN_STATE", "HAS_CAPACITY", "SPECIALTY_FIT_RELATIONSHIP");
        });
    }

    @Test
    void aGrantFromAClinicianNoLongerSuitableIsGivenBackAndTheNextCandidateAsked() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5));
        var seeking = arrive("i1").next();
        onRoster(clinician("a", Set.of("NY"), 5)); // licence moved while the reservation was out

        var step = desk.onReservation("i1", seeking, "a", true, view, id -> 0);

        assertThat(step.outcome()).isNull();
        assertThat(step.toLedgers()).containsExactly(new Addressed<>("a", new LedgerCommand.Release("i1")),
                new Addressed<>("b", new LedgerCommand.Reserve("i1")));
    }

    @Test
    void aWaitlistedIntakeTakesTheFirstOfferAndLeavesTheWaitlist() {
        onRoster(clinician("a", Set.of("CA"), 5));
        var waiting = desk.onReservation("i1", arrive("i1").next(), "a", false, view, id -> 0).next();

        var step = desk.onOffer("i1", waiting, new DeskMessage.Offer("a", "key", 1), view, id -> 0);

        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.ASSIGNED);
        assertThat(step.toLedgers()).containsExactly(new Addressed<>("a", new LedgerCommand.Accept("i1", 1)));
        assertThat(step.waitlist()).isEqualTo(Desk.WaitlistChange.LEAVE);
        assertThat(((Desk.Outcome.Assigned) step.outcome()).reasonCodes()).contains("REMATCHED_FROM_WAITLIST");
    }

    @Test
    void aSecondOfferOrAnOfferToAnIntakeNotWaitingIsDeclinedSoTheIntakeIsAssignedOnce() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5));
        var waiting = desk.onReservation("i1", desk.onReservation("i1", arrive("i1").next(), "a", false, view,
                id -> 0).next(), "b", false, view, id -> 0).next();
        var assigned = desk.onOffer("i1", waiting, new DeskMessage.Offer("a", "key", 1), view, id -> 0).next();

        var second = desk.onOffer("i1", assigned, new DeskMessage.Offer("b", "key", 1), view, id -> 0);
        var unknown = desk.onOffer("nobody", null, new DeskMessage.Offer("b", "key2", 1), view, id -> 0);

        assertThat(second.outcome()).isNull();
        assertThat(second.toLedgers()).containsExactly(new Addressed<>("b", new LedgerCommand.Decline("i1", "key", 1)));
        assertThat(unknown.toLedgers()).containsExactly(new Addressed<>("b",
                new LedgerCommand.Decline("nobody", "key2", 1)));
    }

    @Test
    void anOfferFromAClinicianWhoNoLongerMeetsTheHardConstraintsIsDeclined() {
        onRoster(clinician("a", Set.of("CA"), 5));
        var waiting = desk.onReservation("i1", arrive("i1").next(), "a", false, view, id -> 0).next();
        onRoster(clinician("a", Set.of("NY"), 5));

        var step = desk.onOffer("i1", waiting, new DeskMessage.Offer("a", "key", 1), view, id -> 0);

        assertThat(step.outcome()).isNull();
        assertThat(step.next().status()).isEqualTo(IntakeCase.Status.WAITING);
        assertThat(step.toLedgers()).containsExactly(new Addressed<>("a", new LedgerCommand.Decline("i1", "key", 1)));
    }

    @Test
    void theSameIntakeArrivingTwiceKeepsItsFirstDecision() {
        onRoster(clinician("a", Set.of("CA"), 5));
        var first = arrive("i1").next();

        var again = desk.onTriaged(first, first.triaged(), view, id -> 0);

        assertThat(again.toLedgers()).isEmpty();
        assertThat(again.outcome()).isNull();
        assertThat(again.next()).isSameAs(first);
    }

    @Test
    void aStrayGrantForAnIntakeThatMovedOnIsGivenBack() {
        onRoster(clinician("a", Set.of("CA"), 5), clinician("b", Set.of("CA"), 5));
        var seekingB = desk.onReservation("i1", arrive("i1").next(), "a", false, view, id -> 0).next();

        var stray = desk.onReservation("i1", seekingB, "a", true, view, id -> 0);

        assertThat(stray.toLedgers()).containsExactly(new Addressed<>("a", new LedgerCommand.Release("i1")));
        assertThat(stray.outcome()).isNull();
    }
}
