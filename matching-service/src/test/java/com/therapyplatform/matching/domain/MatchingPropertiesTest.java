package com.therapyplatform.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of matching over whole spaces of inputs: small spaces enumerated exhaustively, larger ones
 * sampled with seeded random generators (the seed is in every failure message, so a failure replays).
 * Oracles are written here independently of the production rules.
 */
class MatchingPropertiesTest {

    private static final List<String> STATES = List.of("CA", "NY");
    private static final List<Set<Modality>> MODALITY_SETS = List.of(Set.of(Modality.VIDEO), Set.of(Modality.PHONE),
            Set.of(Modality.VIDEO, Modality.PHONE));
    private static final List<Set<String>> LANGUAGE_SETS = List.of(Set.of("en"), Set.of("es"), Set.of("en", "es"));
    private static final List<Specialty> SCORED = List.of(Specialty.SUBSTANCE_USE, Specialty.PSYCHOSIS,
            Specialty.RELATIONSHIP);
    private static final List<Category> CATEGORIES = List.of(Category.SUBSTANCE_USE, Category.PARANOIA,
            Category.RELATIONSHIP_CONCERN);

    private final Matcher matcher = new Matcher();

    // ------------------------------------------------------------------ oracle

    /** The hard constraints as the clinical reference states them, written apart from the Matcher. */
    private static boolean oracleEligible(ClinicianProfile c, RoutingProfile r, Set<Category> categories) {
        boolean licensed = c.licensedStates().contains(r.state());
        boolean modality = c.modalities().contains(r.modality());
        boolean language = c.languages().contains(r.language());
        boolean accepting = c.acceptingNewClients() && c.caseloadCapacity() > 0;
        boolean sud = !categories.contains(Category.SUBSTANCE_USE) || c.specialties().contains(Specialty.SUBSTANCE_USE);
        boolean psychosis = !categories.contains(Category.PARANOIA) || c.specialties().contains(Specialty.PSYCHOSIS);
        return licensed && modality && language && accepting && sud && psychosis;
    }

    private static <T> List<Set<T>> subsets(List<T> items) {
        List<Set<T>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << items.size(); mask++) {
            Set<T> subset = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(items.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }

    /** Every combination of states, modalities, languages, specialties, accepting and capacity: 864 clinicians. */
    private static List<ClinicianProfile> everyClinician() {
        List<ClinicianProfile> all = new ArrayList<>();
        List<Set<String>> stateSets = List.of(Set.of("CA"), Set.of("NY"), Set.of("CA", "NY"));
        for (Set<String> states : stateSets) {
            for (Set<Modality> modalities : MODALITY_SETS) {
                for (Set<String> languages : LANGUAGE_SETS) {
                    for (Set<Specialty> specialties : subsets(SCORED)) {
                        for (boolean accepting : List.of(true, false)) {
                            for (int capacity : List.of(0, 2)) {
                                all.add(new ClinicianProfile("c" + all.size(), "C", "LCSW", states, modalities,
                                        languages, "FEMALE", specialties, capacity, accepting, List.of(), Set.of(),
                                        null, null));
                            }
                        }
                    }
                }
            }
        }
        return all;
    }

    /** Every routing need: 2 states, 2 modalities, 2 languages, 8 sets of categories. */
    private static List<Map.Entry<RoutingProfile, Set<Category>>> everyIntake() {
        List<Map.Entry<RoutingProfile, Set<Category>>> all = new ArrayList<>();
        for (String state : STATES) {
            for (Modality modality : List.of(Modality.VIDEO, Modality.PHONE)) {
                for (String language : List.of("en", "es")) {
                    for (Set<Category> categories : subsets(CATEGORIES)) {
                        all.add(Map.entry(new RoutingProfile(state, language, modality, null, List.of()),
                                categories));
                    }
                }
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ exhaustive

    @Test
    void everyRankedCandidateMeetsEveryHardConstraintAndEveryClinicianWhoDoesIsRanked() {
        List<ClinicianProfile> roster = everyClinician();
        for (var intake : everyIntake()) {
            Set<String> expected = roster.stream()
                    .filter(c -> oracleEligible(c, intake.getKey(), intake.getValue()))
                    .map(ClinicianProfile::id)
                    .collect(Collectors.toSet());
            var ranking = matcher.rank(intake.getKey(), intake.getValue(), roster, id -> 0);

            assertThat(ranking.candidates()).as(intake.toString())
                    .extracting(c -> c.clinician().id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(ranking.unmetConstraints().isEmpty()).as(intake.toString()).isEqualTo(!expected.isEmpty());
            for (int i = 1; i < ranking.candidates().size(); i++) {
                assertThat(ranking.candidates().get(i - 1).score()).as(intake.toString())
                        .isGreaterThanOrEqualTo(ranking.candidates().get(i).score());
            }
        }
    }

    @Test
    void eligibilityOfEachClinicianForEachIntakeEqualsTheOracle() {
        List<ClinicianProfile> roster = everyClinician();
        int checked = 0;
        for (var intake : everyIntake()) {
            for (ClinicianProfile c : roster) {
                assertThat(matcher.eligible(c, intake.getKey(), intake.getValue())).as(c + " / " + intake)
                        .isEqualTo(oracleEligible(c, intake.getKey(), intake.getValue()));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(864 * 64);
    }

    // ------------------------------------------------------------------ urgent, seeded random

    private static final List<String> ZONES = List.of("UTC", "America/Chicago", "America/Los_Angeles",
            "Asia/Kolkata");

    /** Coverage by brute force: the shift's intervals around the instant, in local date-times. */
    private static boolean oracleCovers(OnCallShift shift, String state, Instant at) {
        if (!shift.states().contains(state)) {
            return false;
        }
        ZoneId zone = ZoneId.of(shift.timeZone());
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        for (int back = 0; back <= 1; back++) {
            LocalDateTime day = local.toLocalDate().minusDays(back).atStartOfDay();
            if (!shift.days().contains(day.getDayOfWeek())) {
                continue;
            }
            LocalDateTime start = day.plusMinutes(minutes(shift.from()));
            LocalDateTime end = day.plusMinutes(minutes(shift.until()));
            if (!end.isAfter(start)) {
                end = end.plusDays(1);
            }
            if (!local.isBefore(start) && local.isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    private static int minutes(String hhmm) {
        return "24:00".equals(hhmm) ? 24 * 60 : LocalTime.parse(hhmm).toSecondOfDay() / 60;
    }

    private static String time(Random random, boolean until) {
        int slot = random.nextInt(48);
        if (until && slot == 0) {
            return "24:00";
        }
        return String.format("%02d:%02d", slot / 2, slot % 2 * 30);
    }

    @Test
    void urgentAlwaysGetsOnCallCoverWhenItExistsAndTheCoverMeetsEveryUrgentConstraint() {
        for (long run = 1; run <= 400; run++) {
            long seed = run;
            Random random = new Random(seed);
            List<ClinicianProfile> roster = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                Set<String> licensed = subsets(STATES).get(1 + random.nextInt(3));
                List<OnCallShift> shifts = new ArrayList<>();
                for (int s = 0; s < random.nextInt(3); s++) {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if (random.nextBoolean()) {
                            days.add(d);
                        }
                    }
                    shifts.add(new OnCallShift(subsets(STATES).get(1 + random.nextInt(3)), days, time(random, false),
                            time(random, true), ZONES.get(random.nextInt(ZONES.size()))));
                }
                Set<Specialty> specialties = random.nextBoolean() ? Set.of(Specialty.CRISIS) : Set.of();
                roster.add(new ClinicianProfile("c" + i, "C", "PsyD", licensed, Set.of(Modality.PHONE), Set.of("en"),
                        null, specialties, random.nextInt(3), random.nextBoolean(), shifts, Set.of(), null, null));
            }
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            String state = STATES.get(random.nextInt(2));
            RoutingProfile routing = new RoutingProfile(state, "en", Modality.VIDEO, null, List.of());

            boolean coverExists = roster.stream().anyMatch(c -> c.specialties().contains(Specialty.CRISIS)
                    && c.licensedStates().contains(state)
                    && c.onCallSchedule().stream().anyMatch(s -> oracleCovers(s, state, at)));
            var cover = matcher.onCallCover(routing, roster, at, id -> 0);

            assertThat(cover.isPresent()).as("seed " + seed).isEqualTo(coverExists);
            cover.ifPresent(c -> {
                assertThat(c.clinician().specialties()).as("seed " + seed).contains(Specialty.CRISIS);
                assertThat(c.clinician().licensedStates()).as("seed " + seed).contains(state);
                assertThat(c.clinician().onCallSchedule()).as("seed " + seed)
                        .anyMatch(s -> oracleCovers(s, state, at));
            });
        }
    }

    // ------------------------------------------------------------------ the protocol, seeded random interleavings

    /**
     * Desks and ledgers exchanging messages as they do over Kafka: each (sender, receiver) pair is a
     * FIFO channel, and which channel delivers next is chosen at random, so messages from different
     * senders interleave in every order Kafka allows. The waitlist (a global table) is updated through a
     * channel of its own, so ledgers read it with a lag, as they do in production.
     */
    private static final class Simulation {

        final Random random;
        final long seed;
        final Matcher matcher = new Matcher();
        final Desk desk = new Desk(matcher);
        final Ledger ledger = new Ledger(matcher);
        final MapRoster view = new MapRoster();
        final Map<String, ClinicianProfile> roster = view.clinicians;
        final Map<String, IntakeCase> cases = new HashMap<>();
        final Map<String, CapacityLedger> ledgers = new HashMap<>();
        final InMemoryWaitlist waitlist = new InMemoryWaitlist();
        final Map<String, ArrayDeque<Runnable>> channels = new LinkedHashMap<>();
        final Map<String, String> assignedTo = new HashMap<>();
        final Set<String> released = new HashSet<>();
        int assignments;

        Simulation(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void send(String from, String to, Runnable delivery) {
            channels.computeIfAbsent(from + "->" + to, k -> new ArrayDeque<>()).add(delivery);
        }

        boolean deliverOne() {
            List<ArrayDeque<Runnable>> ready = channels.values().stream().filter(q -> !q.isEmpty()).toList();
            if (ready.isEmpty()) {
                return false;
            }
            ready.get(random.nextInt(ready.size())).poll().run();
            checkInvariants();
            return true;
        }

        void toDesk(String from, String intakeId, DeskMessage message) {
            send(from, "desk:" + intakeId, () -> onDesk(intakeId, message));
        }

        void toLedger(String from, String clinicianId, LedgerCommand command) {
            send(from, "ledger:" + clinicianId, () -> onLedger(clinicianId, command));
        }

        void onDesk(String intakeId, DeskMessage message) {
            IntakeCase current = cases.get(intakeId);
            Desk.Step step;
            if (message instanceof DeskMessage.Triaged t) {
                step = desk.onTriaged(current, t.event(), view, this::load);
            } else if (message instanceof DeskMessage.Reservation r) {
                step = desk.onReservation(intakeId, current, r.clinicianId(), r.granted(), view, this::load);
            } else {
                step = desk.onOffer(intakeId, current, (DeskMessage.Offer) message, view, this::load);
            }
            cases.put(intakeId, step.next());
            step.toLedgers().forEach(a -> toLedger("desk:" + intakeId, a.key(), a.message()));
            WaitingIntake waiting = step.next().waiting();
            if (step.waitlist() == Desk.WaitlistChange.ENTER) {
                send("desk:" + intakeId, "waitlist", () -> waitlist.add(waiting));
            } else if (step.waitlist() == Desk.WaitlistChange.LEAVE) {
                send("desk:" + intakeId, "waitlist", () -> waitlist.remove(waiting.arrivalKey()));
            }
            if (step.outcome() instanceof Desk.Outcome.Assigned a) {
                ClinicianProfile clinician = roster.get(a.clinician().id());
                assertThat(matcher.eligible(clinician, waiting.routing(), waiting.categories()))
                        .as("seed %d: %s assigned to %s against a hard constraint", seed, intakeId, clinician.id())
                        .isTrue();
                assertThat(assignedTo).as("seed %d: %s assigned twice", seed, intakeId).doesNotContainKey(intakeId);
                assignedTo.put(intakeId, a.clinician().id());
                assignments++;
            }
        }

        void onLedger(String clinicianId, LedgerCommand command) {
            CapacityLedger current = ledgers.getOrDefault(clinicianId, CapacityLedger.empty(clinicianId));
            Ledger.Step step = ledger.handle(current, command, roster.get(clinicianId), waitlist);
            ledgers.put(clinicianId, step.ledger());
            step.toDesks().forEach(a -> toDesk("ledger:" + clinicianId, a.key(), a.message()));
        }

        int load(String clinicianId) {
            CapacityLedger l = ledgers.get(clinicianId);
            return l == null ? 0 : l.routineLoad();
        }

        /** The simulation never lowers a capacity, so the load may never pass the capacity now. */
        void checkInvariants() {
            ledgers.forEach((id, l) -> assertThat(l.routineLoad()).as("seed %d: routine load of %s", seed, id)
                    .isLessThanOrEqualTo(roster.get(id).caseloadCapacity()));
        }

        void putClinician(ClinicianProfile profile) {
            roster.put(profile.id(), profile);
            toLedger("api", profile.id(), new LedgerCommand.Refill());
        }

        ClinicianProfile randomClinician(String id) {
            Set<String> states = subsets(STATES).get(1 + random.nextInt(3));
            Set<Specialty> specialties = subsets(SCORED).get(random.nextInt(8));
            return new ClinicianProfile(id, "C", "LCSW", states, MODALITY_SETS.get(random.nextInt(3)),
                    LANGUAGE_SETS.get(random.nextInt(3)), null, specialties, 1 + random.nextInt(3),
                    random.nextInt(5) > 0, List.of(), Set.of(), null, null);
        }

        EventEnvelope<IntakeTriaged> randomIntake(int n) {
            Set<Category> categories = subsets(CATEGORIES).get(random.nextInt(8));
            RoutingProfile routing = new RoutingProfile(STATES.get(random.nextInt(2)),
                    random.nextInt(4) == 0 ? "es" : "en", random.nextBoolean() ? Modality.VIDEO : Modality.PHONE,
                    null, List.of());
            Instant submitted = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n);
            return new EventEnvelope<>(UUID.randomUUID(), Events.INTAKE_TRIAGED.name(), 1, submitted, "i" + n,
                    submitted, "corr", "cause", new IntakeTriaged(routing, categories, RiskTier.NONE, List.of(), "t"));
        }

        /** Delivers everything, then refills every ledger (as the periodic refill does) until nothing moves. */
        void settle() {
            for (int round = 0; round < 100; round++) {
                int delivered = 0;
                while (deliverOne()) {
                    delivered++;
                }
                if (round > 0 && delivered == roster.size()) {
                    return; // the refills of the last round caused nothing
                }
                roster.keySet().forEach(id -> toLedger("tick", id, new LedgerCommand.Refill()));
            }
            throw new AssertionError("seed " + seed + ": the protocol never settles");
        }
    }

    @Test
    void routineCapacityIsNeverExceededAndNoIntakeIsAssignedTwiceOrAgainstAHardConstraintUnderAnyInterleaving() {
        int totalAssignments = 0;
        for (long run = 1; run <= 300; run++) {
            long seed = run;
            Simulation sim = new Simulation(seed);
            int clinicians = 2 + sim.random.nextInt(4);
            for (int c = 0; c < clinicians; c++) {
                sim.putClinician(sim.randomClinician("c" + c));
            }
            int intakes = 10 + sim.random.nextInt(30);
            for (int n = 0; n < intakes; n++) {
                var triaged = sim.randomIntake(n);
                sim.toDesk("triage", triaged.intakeId(), new DeskMessage.Triaged(triaged));
                // a burst interleaves with deliveries, releases and roster changes
                for (int d = sim.random.nextInt(4); d > 0; d--) {
                    sim.deliverOne();
                }
                if (sim.random.nextInt(6) == 0 && !sim.assignedTo.isEmpty()) {
                    List<String> assigned = new ArrayList<>(sim.assignedTo.keySet());
                    assigned.removeAll(sim.released);
                    if (!assigned.isEmpty()) {
                        String intakeId = assigned.get(sim.random.nextInt(assigned.size()));
                        sim.released.add(intakeId);
                        sim.toLedger("api", sim.assignedTo.get(intakeId), new LedgerCommand.Release(intakeId));
                    }
                }
                if (sim.random.nextInt(10) == 0) {
                    // a roster change: a new clinician, or more room, a licence or language for one already there
                    String id = sim.random.nextBoolean() ? "c" + sim.roster.size()
                            : "c" + sim.random.nextInt(sim.roster.size());
                    ClinicianProfile changed = sim.randomClinician(id);
                    ClinicianProfile before = sim.roster.get(id);
                    if (before != null && changed.caseloadCapacity() < before.caseloadCapacity()) {
                        changed = new ClinicianProfile(id, "C", "LCSW", changed.licensedStates(), changed.modalities(),
                                changed.languages(), null, changed.specialties(), before.caseloadCapacity(),
                                changed.acceptingNewClients(), List.of(), Set.of(), null, null);
                    }
                    sim.putClinician(changed);
                }
            }
            sim.settle();
            totalAssignments += sim.assignments;

            // nothing is stuck: every intake ended assigned or waiting, and no waiting intake could be taken
            for (IntakeCase intake : sim.cases.values()) {
                assertThat(intake.status()).as("seed %d: %s", seed, intake.intakeId())
                        .isNotEqualTo(IntakeCase.Status.SEEKING);
                if (intake.status() == IntakeCase.Status.WAITING) {
                    WaitingIntake w = intake.waiting();
                    for (ClinicianProfile c : sim.roster.values()) {
                        CapacityLedger l = sim.ledgers.getOrDefault(c.id(), CapacityLedger.empty(c.id()));
                        assertThat(l.hasRoom(c) && sim.matcher.eligible(c, w.routing(), w.categories()))
                                .as("seed %d: %s waits while %s has room for it", seed, w.intakeId(), c.id())
                                .isFalse();
                    }
                }
            }
            assertThat(sim.cases).as("seed %d: every intake reached a desk", seed).hasSize(intakes);
            // every assignment is in its clinician's ledger, and nothing else is
            Map<String, Set<String>> byClinician = new TreeMap<>();
            sim.assignedTo.forEach((intake, clinician) -> {
                if (!sim.released.contains(intake)) {
                    byClinician.computeIfAbsent(clinician, k -> new HashSet<>()).add(intake);
                }
            });
            sim.ledgers.forEach((id, l) -> {
                assertThat(l.held()).as("seed %d: holds left at %s", seed, id).isEmpty();
                assertThat(l.assigned()).as("seed %d: ledger of %s", seed, id)
                        .containsExactlyInAnyOrderElementsOf(byClinician.getOrDefault(id, Set.of()));
            });
        }
        assertThat(totalAssignments).as("the simulation assigns at all").isGreaterThan(1000);
    }
}
