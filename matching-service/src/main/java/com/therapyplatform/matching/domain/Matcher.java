package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.domain.ReasonCodes.*;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The matching rules, as pure functions of an intake's routing profile, its triage categories and the
 * roster. Hard constraints decide who may take an intake; soft rules rank those who may; a
 * deterministic tie-break (lower utilization, then clinician id) makes the same input give the same
 * order. Capacity itself is a hard constraint too, but it is decided by the clinician's ledger (the
 * only place that knows the caseload exactly), so {@link #eligible} leaves it out.
 */
public final class Matcher {

    /** Categories that need a clinician with a specialty (scope for the risk). */
    private static final Map<Category, Specialty> SCOPE = Map.of(
            Category.SUBSTANCE_USE, Specialty.SUBSTANCE_USE,
            Category.PARANOIA, Specialty.PSYCHOSIS);
    /** Categories a specialty fits without being required. */
    private static final Map<Category, Specialty> FIT = Map.of(
            Category.RELATIONSHIP_CONCERN, Specialty.RELATIONSHIP,
            Category.POSSIBLE_DEPRESSION, Specialty.DEPRESSION);

    static final int SPECIALTY_FIT_POINTS = 4;
    static final int GENDER_POINTS = 3;
    static final int AVAILABILITY_POINTS = 2;
    /** Up to this many points for a light caseload: 2 below half full, 1 below 80 %. */
    static final int BALANCE_POINTS = 2;

    public record Constraint(String code, Predicate<ClinicianProfile> satisfied) {
    }

    /** A clinician who meets every hard constraint but capacity, with the soft score and its reasons. */
    public record Candidate(ClinicianProfile clinician, int score, List<String> reasonCodes) {
    }

    /** Candidates best first; when there are none, the hard constraints nobody met. */
    public record Ranking(List<Candidate> candidates, List<String> unmetConstraints) {
    }

    /** The on-call clinician chosen for an urgent intake, with reasons. */
    public record OnCallCover(ClinicianProfile clinician, List<String> reasonCodes) {
    }

    /**
     * What of a routine intake decides which clinicians may take it: every hard constraint reads only this.
     * Intakes with the same fit are eligible for the same clinicians, so a ledger walking the waitlist asks
     * once per fit, not once per intake.
     */
    public record Fit(String state, Modality modality, String language, Set<Specialty> scopeNeeded) {

        public Fit {
            scopeNeeded = Set.copyOf(scopeNeeded);
        }
    }

    public static Fit fit(RoutingProfile routing, Set<Category> categories) {
        return new Fit(routing.state(), routing.modality(), routing.language(), scopeNeeded(categories));
    }

    /** The hard constraints of a routine intake, in the order in which unmet ones are reported. */
    public List<Constraint> hardConstraints(RoutingProfile routing, Set<Category> categories) {
        return hardConstraints(fit(routing, categories));
    }

    private static List<Constraint> hardConstraints(Fit fit) {
        List<Constraint> constraints = new ArrayList<>(List.of(
                new Constraint(LICENSED_IN_STATE, c -> fit.state() != null
                        && c.licensedStates().contains(fit.state())),
                new Constraint(OFFERS_MODALITY, c -> fit.modality() == null
                        || c.modalities().contains(fit.modality())),
                new Constraint(SPEAKS_LANGUAGE, c -> fit.language() == null
                        || c.languages().contains(fit.language())),
                new Constraint(ACCEPTING_NEW_CLIENTS, c -> c.acceptingNewClients() && c.caseloadCapacity() > 0)));
        if (!fit.scopeNeeded().isEmpty()) {
            constraints.add(new Constraint(IN_SCOPE_SPECIALIZED_CARE,
                    c -> c.specialties().containsAll(fit.scopeNeeded())));
        }
        return constraints;
    }

    /** Every hard constraint but capacity holds. */
    public boolean eligible(ClinicianProfile clinician, RoutingProfile routing, Set<Category> categories) {
        return eligible(clinician, fit(routing, categories));
    }

    /** Every hard constraint but capacity holds for an intake with this fit. */
    public boolean eligible(ClinicianProfile clinician, Fit fit) {
        return clinician != null && hardConstraints(fit).stream().allMatch(k -> k.satisfied().test(clinician));
    }

    /**
     * Ranks the eligible clinicians: soft score first, then lower utilization, then clinician id.
     * Clinicians that {@code routineLoad} shows full go last: the ledger may know better (a release),
     * but trying them first would only cost round trips.
     */
    public Ranking rank(RoutingProfile routing, Set<Category> categories, Collection<ClinicianProfile> roster,
            ToIntFunction<String> routineLoad) {
        List<Constraint> constraints = hardConstraints(routing, categories);
        List<ClinicianProfile> eligible = roster.stream()
                .filter(c -> constraints.stream().allMatch(k -> k.satisfied().test(c)))
                .toList();
        if (eligible.isEmpty()) {
            return new Ranking(List.of(), unmet(constraints, roster));
        }
        List<Candidate> candidates = eligible.stream()
                .map(c -> candidate(c, routing, categories, routineLoad.applyAsInt(c.id())))
                .sorted(Comparator.comparing((Candidate c) -> full(c, routineLoad))
                        .thenComparing(Comparator.comparingInt(Candidate::score).reversed())
                        .thenComparing((a, b) -> compareUtilization(a.clinician(), routineLoad.applyAsInt(
                                a.clinician().id()), b.clinician(), routineLoad.applyAsInt(b.clinician().id())))
                        .thenComparing(c -> c.clinician().id()))
                .toList();
        return new Ranking(candidates, List.of());
    }

    /** The soft score of one clinician for one intake, with the reason codes that explain it. */
    public Candidate candidate(ClinicianProfile c, RoutingProfile routing, Set<Category> categories,
            int routineLoad) {
        List<String> reasons = new ArrayList<>(hardConstraints(routing, categories).stream()
                .map(Constraint::code).toList());
        reasons.add(HAS_CAPACITY);
        int score = 0;
        for (var fit : FIT.entrySet()) {
            if (categories.contains(fit.getKey()) && c.specialties().contains(fit.getValue())) {
                score += SPECIALTY_FIT_POINTS;
                reasons.add("SPECIALTY_FIT_" + fit.getValue());
            }
        }
        if (genderMatches(c, routing)) {
            score += GENDER_POINTS;
            reasons.add(GENDER_PREFERENCE_MET);
        }
        if (routing.availability().stream().anyMatch(c.availability()::contains)) {
            score += AVAILABILITY_POINTS;
            reasons.add(AVAILABILITY_OVERLAP);
        }
        int balance = balancePoints(c, routineLoad);
        if (balance > 0) {
            score += balance;
            reasons.add(BALANCED_CASELOAD);
        }
        return new Candidate(c, score, List.copyOf(reasons));
    }

    /** The hard constraints nobody on the roster meets together with those before them. */
    public List<String> unmet(List<Constraint> constraints, Collection<ClinicianProfile> roster) {
        Set<String> unmet = new LinkedHashSet<>();
        List<ClinicianProfile> remaining = List.copyOf(roster);
        for (Constraint constraint : constraints) {
            List<ClinicianProfile> next = remaining.stream().filter(constraint.satisfied()).toList();
            if (next.isEmpty()) {
                unmet.add(constraint.code());
            } else {
                remaining = next;
            }
        }
        return List.copyOf(unmet);
    }

    /**
     * Urgent: a crisis-trained clinician licensed in the client's state whose on-call schedule covers
     * that state now. Among several: one who speaks the client's language, then the fewest on-call
     * assignments, then clinician id. On-call cover has no capacity limit: a crisis never waits for one.
     */
    public Optional<OnCallCover> onCallCover(RoutingProfile routing, Collection<ClinicianProfile> roster, Instant now,
            ToIntFunction<String> onCallLoad) {
        String state = routing.state();
        return roster.stream()
                .filter(c -> state != null && c.licensedStates().contains(state))
                .filter(c -> c.specialties().contains(Specialty.CRISIS))
                .filter(c -> OnCall.covers(c, state, now))
                .min(Comparator.comparing((ClinicianProfile c) -> !speaks(c, routing))
                        .thenComparingInt(c -> onCallLoad.applyAsInt(c.id()))
                        .thenComparing(ClinicianProfile::id))
                .map(c -> {
                    List<String> reasons = new ArrayList<>(List.of(ON_CALL_FOR_STATE, LICENSED_IN_STATE,
                            CRISIS_TRAINED));
                    if (speaks(c, routing)) {
                        reasons.add(LANGUAGE_MATCH);
                    }
                    reasons.add(FEWEST_ON_CALL_ASSIGNMENTS);
                    return new OnCallCover(c, List.copyOf(reasons));
                });
    }

    private static boolean speaks(ClinicianProfile c, RoutingProfile routing) {
        return routing.language() != null && c.languages().contains(routing.language());
    }

    private static Set<Specialty> scopeNeeded(Set<Category> categories) {
        Set<Specialty> needed = new LinkedHashSet<>();
        SCOPE.forEach((category, specialty) -> {
            if (categories.contains(category)) {
                needed.add(specialty);
            }
        });
        return needed;
    }

    private static boolean genderMatches(ClinicianProfile c, RoutingProfile routing) {
        String wanted = routing.clinicianGender();
        return wanted != null && !wanted.isBlank() && !"NO_PREFERENCE".equalsIgnoreCase(wanted)
                && wanted.equalsIgnoreCase(c.gender());
    }

    static int balancePoints(ClinicianProfile c, int load) {
        int capacity = c.caseloadCapacity();
        if (capacity <= 0) {
            return 0;
        }
        if (load * 2 < capacity) {
            return BALANCE_POINTS;
        }
        return load * 5 < capacity * 4 ? 1 : 0;
    }

    private static boolean full(Candidate c, ToIntFunction<String> routineLoad) {
        return full(c.clinician(), routineLoad);
    }

    /** Full as the published caseloads show it (the clinician's ledger has the last word). */
    public static boolean full(ClinicianProfile clinician, ToIntFunction<String> routineLoad) {
        return routineLoad.applyAsInt(clinician.id()) >= clinician.caseloadCapacity();
    }

    /** load a / capacity a against load b / capacity b, exactly (no floating point). */
    private static int compareUtilization(ClinicianProfile a, int loadA, ClinicianProfile b, int loadB) {
        return Long.compare((long) loadA * Math.max(1, b.caseloadCapacity()),
                (long) loadB * Math.max(1, a.caseloadCapacity()));
    }
}
