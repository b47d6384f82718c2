package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.TestRoster.clinician;
import static com.therapyplatform.matching.TestRoster.routing;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-04T15:00:00Z");

    private final Ledger ledger = new Ledger(new Matcher());
    private final ClinicianProfile twoSlots = clinician("c", Set.of("CA"), 2);
    private final InMemoryWaitlist waitlist = new InMemoryWaitlist();

    private static WaitingIntake waiting(String intakeId, int secondsAfterT0, String state, Category... categories) {
        return new WaitingIntake(intakeId, T0.plusSeconds(secondsAfterT0), routing(state), Set.of(categories));
    }

    private Ledger.Step handle(CapacityLedger current, LedgerCommand command) {
        return ledger.handle(current, command, twoSlots, waitlist);
    }

    private static List<DeskMessage> messages(Ledger.Step step) {
        return step.toDesks().stream().map(Addressed::message).toList();
    }

    @Test
    void reservationsAreGrantedUntilTheCapacityIsReachedThenRefused() {
        var first = handle(CapacityLedger.empty("c"), new LedgerCommand.Reserve("i1"));
        var second = handle(first.ledger(), new LedgerCommand.Reserve("i2"));
        var third = handle(second.ledger(), new LedgerCommand.Reserve("i3"));

        assertThat(messages(first)).containsExactly(new DeskMessage.Reservation("c", true));
        assertThat(messages(second)).containsExactly(new DeskMessage.Reservation("c", true));
        assertThat(messages(third)).containsExactly(new DeskMessage.Reservation("c", false));
        assertThat(third.ledger().assigned()).containsExactlyInAnyOrder("i1", "i2");
    }

    @Test
    void aRepeatedReservationOfTheSameIntakeIsGrantedWithoutTakingASecondSlot() {
        var first = handle(CapacityLedger.empty("c"), new LedgerCommand.Reserve("i1"));
        var again = handle(first.ledger(), new LedgerCommand.Reserve("i1"));

        assertThat(messages(again)).containsExactly(new DeskMessage.Reservation("c", true));
        assertThat(again.ledger().routineLoad()).isEqualTo(1);
    }

    @Test
    void aClinicianNotAcceptingNewClientsOrRemovedFromTheRosterRefusesEveryReservation() {
        var closed = new ClinicianProfile("c", "C", "LCSW", Set.of("CA"), twoSlots.modalities(), Set.of("en"), null,
                Set.of(), 2, false, List.of(), Set.of(), null, null);
        assertThat(messages(ledger.handle(CapacityLedger.empty("c"), new LedgerCommand.Reserve("i1"), closed,
                waitlist))).containsExactly(new DeskMessage.Reservation("c", false));
        assertThat(messages(ledger.handle(CapacityLedger.empty("c"), new LedgerCommand.Reserve("i1"), null,
                waitlist))).containsExactly(new DeskMessage.Reservation("c", false));
    }

    @Test
    void onCallAssignmentsAreCountedApartAndNeverTakeRoutineCapacity() {
        var onCall = handle(CapacityLedger.empty("c"), new LedgerCommand.OnCallAssigned("u1"));
        onCall = handle(onCall.ledger(), new LedgerCommand.OnCallAssigned("u2"));
        onCall = handle(onCall.ledger(), new LedgerCommand.OnCallAssigned("u3"));
        var reserved = handle(handle(onCall.ledger(), new LedgerCommand.Reserve("i1")).ledger(),
                new LedgerCommand.Reserve("i2"));

        assertThat(reserved.ledger().onCall()).hasSize(3);
        assertThat(reserved.ledger().assigned()).containsExactlyInAnyOrder("i1", "i2");
    }

    @Test
    void aReleaseOffersTheFreedSlotToTheEarliestWaitlistedIntakeTheClinicianMayTake() {
        waitlist.add(waiting("late", 30, "CA")).add(waiting("elsewhere", 5, "NY")).add(waiting("needs-sud", 8, "CA",
                Category.SUBSTANCE_USE)).add(waiting("early", 10, "CA"));
        var full = new CapacityLedger("c", Set.of("i1", "i2"), Map.of(), Set.of(), Set.of(), 0);

        var released = handle(full, new LedgerCommand.Release("i1"));

        assertThat(released.toDesks()).containsExactly(new Addressed<>("early",
                new DeskMessage.Offer("c", waiting("early", 10, "CA").arrivalKey(), 1)));
        assertThat(released.ledger().held()).containsOnlyKeys("early");
        assertThat(released.ledger().routineLoad()).isEqualTo(2);
    }

    @Test
    void aHeldSlotCountsAgainstCapacityUntilAcceptedOrDeclined() {
        waitlist.add(waiting("w1", 1, "CA")).add(waiting("w2", 2, "CA"));
        var offered = handle(new CapacityLedger("c", Set.of("i1", "i2"), Map.of(), Set.of(), Set.of(), 0),
                new LedgerCommand.Release("i2"));
        assertThat(messages(handle(offered.ledger(), new LedgerCommand.Reserve("new"))))
                .containsExactly(new DeskMessage.Reservation("c", false));

        var accepted = handle(offered.ledger(), new LedgerCommand.Accept("w1", 1));
        assertThat(accepted.ledger().assigned()).containsExactlyInAnyOrder("i1", "w1");
        assertThat(accepted.ledger().held()).isEmpty();
    }

    @Test
    void aDeclinedOfferGoesToTheNextWaitlistedIntakeAndIsNotMadeAgain() {
        waitlist.add(waiting("w1", 1, "CA")).add(waiting("w2", 2, "CA"));
        var offered = handle(new CapacityLedger("c", Set.of("i1", "i2"), Map.of(), Set.of(), Set.of(), 0),
                new LedgerCommand.Release("i2"));
        String w1Key = waiting("w1", 1, "CA").arrivalKey();

        var declined = handle(offered.ledger(), new LedgerCommand.Decline("w1", w1Key, 1));

        assertThat(declined.toDesks()).extracting(Addressed::key).containsExactly("w2");
        assertThat(declined.ledger().declined()).containsExactly(w1Key);
        var releasedAgain = handle(handle(declined.ledger(), new LedgerCommand.Accept("w2", 2)).ledger(),
                new LedgerCommand.Release("i1"));
        assertThat(releasedAgain.toDesks()).isEmpty();
        waitlist.remove(w1Key); // assigned elsewhere: gone from the waitlist, so forgotten here too
        assertThat(handle(releasedAgain.ledger(), new LedgerCommand.Refill()).ledger().declined()).isEmpty();
    }

    @Test
    void anAcceptanceOrADeclineCountsOnlyForTheOfferItAnswers() {
        waitlist.add(waiting("w1", 1, "CA"));
        var firstOffer = handle(new CapacityLedger("c", Set.of("i1", "i2"), Map.of(), Set.of(), Set.of(), 0),
                new LedgerCommand.Release("i2"));
        // released before its acceptance arrived, then offered again while the waitlist still showed it
        var secondOffer = handle(firstOffer.ledger(), new LedgerCommand.Release("w1"));
        assertThat(secondOffer.ledger().held()).containsEntry("w1", 2L);

        var staleAccept = handle(secondOffer.ledger(), new LedgerCommand.Accept("w1", 1));
        assertThat(staleAccept.ledger().assigned()).containsExactly("i1");
        var declined = handle(staleAccept.ledger(), new LedgerCommand.Decline("w1", waiting("w1", 1, "CA")
                .arrivalKey(), 2));
        assertThat(declined.ledger().held()).isEmpty();
        assertThat(declined.ledger().assigned()).containsExactly("i1");
    }

    @Test
    void waitlistedIntakesComeBeforeANewReservationWhenRoomHasComeFree() {
        var oneFree = new CapacityLedger("c", Set.of("i1"), Map.of(), Set.of(), Set.of(), 0);
        waitlist.add(waiting("w1", 1, "CA"));

        var step = handle(oneFree, new LedgerCommand.Reserve("new"));

        assertThat(step.toDesks()).extracting(Addressed::key).containsExactly("w1", "new");
        assertThat(messages(step).get(1)).isEqualTo(new DeskMessage.Reservation("c", false));
    }

    @Test
    void aReleaseThatOvertakesTheAcceptanceFreesTheHeldSlotAndTheLateAcceptanceTakesNothing() {
        var holding = new CapacityLedger("c", Set.of("i1"), Map.of("w1", 7L), Set.of(), Set.of(), 7);

        var released = handle(holding, new LedgerCommand.Release("w1"));
        var lateAccept = handle(released.ledger(), new LedgerCommand.Accept("w1", 7));

        assertThat(released.ledger().held()).isEmpty();
        assertThat(lateAccept.ledger().assigned()).containsExactly("i1");
        assertThat(lateAccept.ledger().routineLoad()).isEqualTo(1);
    }

    @Test
    void aSpecialtyThatMattersOnlyForScoringNeverBlocksAnOffer() {
        var relationship = clinician("c", Set.of("CA"), 1, Specialty.RELATIONSHIP);
        waitlist.add(waiting("w1", 1, "CA", Category.POSSIBLE_DEPRESSION));
        assertThat(ledger.handle(CapacityLedger.empty("c"), new LedgerCommand.Refill(), relationship, waitlist)
                .toDesks()).extracting(Addressed::key).containsExactly("w1");
    }
}
