package com.therapyplatform.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private final Matcher matcher = new Matcher();

    private static Clinician clinician(String id, String state, Set<Specialty> specialties, Set<String> onCall) {
        return new Clinician(id, "Name " + id, "LCSW", Set.of(state), Set.of(Modality.VIDEO), Set.of("en"), "FEMALE",
                specialties, 10, true, onCall);
    }

    private static RoutingProfile routing(String state) {
        return new RoutingProfile(state, "en", Modality.VIDEO, "NO_PREFERENCE", List.of());
    }

    @Test
    void prefersTheClinicianWhoseSpecialtyFitsTheCategory() {
        var roster = List.of(clinician("a", "CA", Set.of(Specialty.DEPRESSION), Set.of()),
                clinician("b", "CA", Set.of(Specialty.RELATIONSHIP), Set.of()));
        var decision = matcher.matchRoutine(routing("CA"), Set.of(Category.RELATIONSHIP_CONCERN), roster);
        assertThat(decision).isInstanceOfSatisfying(MatchDecision.Assigned.class,
                a -> assertThat(a.clinician().id()).isEqualTo("b"));
    }

    @Test
    void substanceUseRequiresASudExperiencedClinician() {
        var roster = List.of(clinician("a", "CA", Set.of(Specialty.DEPRESSION), Set.of()));
        var decision = matcher.matchRoutine(routing("CA"), Set.of(Category.SUBSTANCE_USE), roster);
        assertThat(decision).isEqualTo(new MatchDecision.Waitlisted(List.of("IN_SCOPE_SUBSTANCE_USE")));
    }

    @Test
    void tiesAreBrokenByClinicianIdSoTheSameInputAlwaysGivesTheSameMatch() {
        var roster = List.of(clinician("b", "CA", Set.of(), Set.of()), clinician("a", "CA", Set.of(), Set.of()));
        var decision = matcher.matchRoutine(routing("CA"), Set.of(), roster);
        assertThat(((MatchDecision.Assigned) decision).clinician().id()).isEqualTo("a");
    }

    @Test
    void urgentGoesOnlyToCrisisTrainedOnCallCoverForTheState() {
        var roster = List.of(clinician("a", "CA", Set.of(Specialty.CRISIS), Set.of()),
                clinician("b", "CA", Set.of(Specialty.DEPRESSION), Set.of("CA")),
                clinician("c", "CA", Set.of(Specialty.CRISIS), Set.of("CA")));
        assertThat(matcher.matchUrgent(routing("CA"), roster)).hasValueSatisfying(a -> {
            assertThat(a.clinician().id()).isEqualTo("c");
            assertThat(a.onCall()).isTrue();
        });
        assertThat(matcher.matchUrgent(routing("NY"), roster)).isEmpty();
    }
}
