package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.RoutingProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Matches an intake with a clinician: hard constraints first (licensure in the client's state,
 * modality, language, accepting new clients, scope for the risk), then soft preferences (specialty
 * fit, gender preference), then a deterministic tie-break (clinician id).
 */
public final class Matcher {

    private static final Map<Category, Specialty> SCOPE = Map.of(
            Category.SUBSTANCE_USE, Specialty.SUBSTANCE_USE,
            Category.PARANOIA, Specialty.PSYCHOSIS);
    private static final Map<Category, Specialty> FIT = Map.of(
            Category.RELATIONSHIP_CONCERN, Specialty.RELATIONSHIP,
            Category.POSSIBLE_DEPRESSION, Specialty.DEPRESSION);

    private record Constraint(String code, Predicate<Clinician> satisfied) {
    }

    public MatchDecision matchRoutine(RoutingProfile routing, Set<Category> categories, Collection<Clinician> roster) {
        List<Constraint> constraints = new ArrayList<>(List.of(
                new Constraint("LICENSED_IN_STATE", c -> c.licensedStates().contains(routing.state())),
                new Constraint("OFFERS_MODALITY", c -> c.modalities().contains(routing.modality())),
                new Constraint("SPEAKS_LANGUAGE", c -> c.languages().contains(routing.language())),
                new Constraint("ACCEPTING_NEW_CLIENTS", c -> c.acceptingNewClients() && c.caseloadCapacity() > 0)));
        SCOPE.forEach((category, specialty) -> {
            if (categories.contains(category)) {
                constraints.add(new Constraint("IN_SCOPE_" + specialty, c -> c.specialties().contains(specialty)));
            }
        });

        List<Clinician> eligible = roster.stream()
                .filter(c -> constraints.stream().allMatch(k -> k.satisfied().test(c)))
                .toList();
        if (eligible.isEmpty()) {
            return new MatchDecision.Waitlisted(unmet(constraints, roster));
        }
        Clinician best = eligible.stream()
                .max(Comparator.comparingInt((Clinician c) -> preferenceScore(c, routing, categories))
                        .thenComparing(Clinician::id, Comparator.reverseOrder()))
                .orElseThrow();
        List<String> reasons = new ArrayList<>(constraints.stream().map(Constraint::code).toList());
        FIT.forEach((category, specialty) -> {
            if (categories.contains(category) && best.specialties().contains(specialty)) {
                reasons.add("SPECIALTY_FIT_" + specialty);
            }
        });
        if (genderMatches(best, routing)) {
            reasons.add("GENDER_PREFERENCE_MET");
        }
        return new MatchDecision.Assigned(best, false, List.copyOf(reasons));
    }

    /** Urgent: the on-call, crisis-trained clinician covering the client's state, at once. */
    public Optional<MatchDecision.Assigned> matchUrgent(RoutingProfile routing, Collection<Clinician> roster) {
        return roster.stream()
                .filter(c -> c.onCallStates().contains(routing.state()))
                .filter(c -> c.licensedStates().contains(routing.state()))
                .filter(c -> c.specialties().contains(Specialty.CRISIS))
                .min(Comparator.comparing(Clinician::id))
                .map(c -> new MatchDecision.Assigned(c, true,
                        List.of("ON_CALL_FOR_STATE", "LICENSED_IN_STATE", "CRISIS_TRAINED")));
    }

    private static int preferenceScore(Clinician c, RoutingProfile routing, Set<Category> categories) {
        int score = 0;
        for (var fit : FIT.entrySet()) {
            if (categories.contains(fit.getKey()) && c.specialties().contains(fit.getValue())) {
                score += 2;
            }
        }
        return genderMatches(c, routing) ? score + 1 : score;
    }

    private static boolean genderMatches(Clinician c, RoutingProfile routing) {
        return routing.clinicianGender() != null && routing.clinicianGender().equalsIgnoreCase(c.gender());
    }

    /** The constraints that no clinician on the roster satisfies together with those before them. */
    private static List<String> unmet(List<Constraint> constraints, Collection<Clinician> roster) {
        Set<String> unmet = new LinkedHashSet<>();
        List<Clinician> remaining = List.copyOf(roster);
        for (Constraint constraint : constraints) {
            List<Clinician> next = remaining.stream().filter(constraint.satisfied()).toList();
            if (next.isEmpty()) {
                unmet.add(constraint.code());
            } else {
                remaining = next;
            }
        }
        return List.copyOf(unmet);
    }
}
