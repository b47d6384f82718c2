package com.therapyplatform.matching.domain;

import static com.therapyplatform.matching.TestRoster.clinician;
import static com.therapyplatform.matching.TestRoster.onCall;
import static com.therapyplatform.matching.TestRoster.routing;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import com.therapyplatform.contracts.roster.Specialty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");

    private final Matcher matcher = new Matcher();

    private static ClinicianProfile base() {
        return clinician("c", Set.of("CA"), 10, Specialty.SUBSTANCE_USE, Specialty.PSYCHOSIS);
    }

    private static ClinicianProfile with(ClinicianProfile c, UnaryOperator<Builder> change) {
        return change.apply(new Builder(c)).build();
    }

    /** A copy of a profile with one field changed. */
    private record Builder(ClinicianProfile c, Set<String> states, Set<Modality> modalities, Set<String> languages,
            Set<Specialty> specialties, int capacity, boolean accepting, String gender, Set<String> availability) {

        Builder(ClinicianProfile c) {
            this(c, c.licensedStates(), c.modalities(), c.languages(), c.specialties(), c.caseloadCapacity(),
                    c.acceptingNewClients(), c.gender(), c.availability());
        }

        Builder states(Set<String> v) { return new Builder(c, v, modalities, languages, specialties, capacity, accepting, gender, availability); }
        Builder modalities(Set<Modality> v) { return new Builder(c, states, v, languages, specialties, capacity, accepting, gender, availability); }
        Builder languages(Set<String> v) { return new Builder(c, states, modalities, v, specialties, capacity, accepting, gender, availability); }
        Builder specialties(Set<Specialty> v) { return new Builder(c, states, modalities, languages, v, capacity, accepting, gender, availability); }
        Builder capacity(int v) { return new Builder(c, states, modalities, languages, specialties, v, accepting, gender, availability); }
        Builder accepting(boolean v) { return new Builder(c, states, modalities, languages, specialties, capacity, v, gender, availability); }
        Builder gender(String v) { return new Builder(c, states, modalities, languages, specialties, capacity, accepting, v, availability); }
        Builder availability(Set<String> v) { return new Builder(c, states, modalities, languages, specialties, capacity, accepting, gender, v); }

        ClinicianProfile build() {
            return new ClinicianProfile(c.id(), c.displayName(), c.credentials(), states, modalities, languages, gender,
                    specialties, capacity, accepting, c.onCallSchedule(), availability, c.workEmail(), c.workMobile());
        }
    }

    static Stream<Arguments> hardConstraints() {
        return Stream.of(
                Arguments.argumentSet("licensed in the client's state", "LICENSED_IN_STATE",
                        (UnaryOperator<Builder>) b -> b.states(Set.of("NV")), Set.of()),
                Arguments.argumentSet("offers the requested modality", "OFFERS_MODALITY",
                        (UnaryOperator<Builder>) b -> b.modalities(Set.of(Modality.MESSAGING)), Set.of()),
                Arguments.argumentSet("speaks the requested language", "SPEAKS_LANGUAGE",
                        (UnaryOperator<Builder>) b -> b.languages(Set.of("es")), Set.of()),
                Arguments.argumentSet("accepting new clients", "ACCEPTING_NEW_CLIENTS",
                        (UnaryOperator<Builder>) b -> b.accepting(false), Set.of()),
                Arguments.argumentSet("any routine capacity at all", "ACCEPTING_NEW_CLIENTS",
                        (UnaryOperator<Builder>) b -> b.capacity(0), Set.of()),
                Arguments.argumentSet("substance use needs SUD experience", "IN_SCOPE_SPECIALIZED_CARE",
                        (UnaryOperator<Builder>) b -> b.specialties(Set.of(Specialty.PSYCHOSIS)),
                        Set.of(Category.SUBSTANCE_USE)),
                Arguments.argumentSet("paranoia needs psychosis experience", "IN_SCOPE_SPECIALIZED_CARE",
                        (UnaryOperator<Builder>) b -> b.specialties(Set.of(Specialty.SUBSTANCE_USE)),
                        Set.of(Category.PARANOIA)),
                Arguments.argumentSet("both risks need both", "IN_SCOPE_SPECIALIZED_CARE",
                        (UnaryOperator<Builder>) b -> b.specialties(Set.of(Specialty.PSYCHOSIS)),
                        Set.of(Category.PARANOIA, Category.SUBSTANCE_USE)));
    }

    @ParameterizedTest
    @MethodSource("hardConstraints")
    void aClinicianWhoMissesOneHardConstraintIsNotACandidateAndTheConstraintIsReportedUnmet(String code,
            UnaryOperator<Builder> violate, Set<Category> categories) {
        ClinicianProfile meets = base();
        ClinicianProfile misses = with(base(), violate);

        assertThat(matcher.eligible(meets, routing("CA"), categories)).isTrue();
        assertThat(matcher.eligible(misses, routing("CA"), categories)).isFalse();
        var ranking = matcher.rank(routing("CA"), categories, List.of(misses), id -> 0);
        assertThat(ranking.candidates()).isEmpty();
        assertThat(ranking.unmetConstraints()).containsExactly(code);
    }

    @Test
    void noModalityOrLanguageStatedMeansNoSuchRequirement() {
        var open = new RoutingProfile("CA", null, null, null, List.of());
        assertThat(matcher.eligible(with(base(), b -> b.languages(Set.of("fr")).modalities(Set.of(Modality.MESSAGING))),
                open, Set.of())).isTrue();
    }

    @Test
    void unmetConstraintsNameOnlyWhatNobodyMeetsTogetherWithTheConstraintsBefore() {
        var roster = List.of(with(base(), b -> b.states(Set.of("NV"))), with(base(), b -> b.languages(Set.of("es"))));
        assertThat(matcher.rank(routing("CA"), Set.of(), roster, id -> 0).unmetConstraints())
                .containsExactly("SPEAKS_LANGUAGE");
    }

    @Test
    void specialtyFitPerCategoryRanksFirstAndIsExplained() {
        var depression = clinician("a", Set.of("CA"), 10, Specialty.DEPRESSION);
        var relationship = clinician("b", Set.of("CA"), 10, Specialty.RELATIONSHIP);
        var both = clinician("c", Set.of("CA"), 10, Specialty.RELATIONSHIP, Specialty.DEPRESSION);
        var ranking = matcher.rank(routing("CA"), Set.of(Category.RELATIONSHIP_CONCERN, Category.POSSIBLE_DEPRESSION),
                List.of(depression, relationship, both), id -> 0);

        assertThat(ranking.candidates()).extracting(c -> c.clinician().id()).containsExactly("c", "a", "b");
        assertThat(ranking.candidates().get(0).reasonCodes())
                .contains("SPECIALTY_FIT_RELATIONSHIP", "SPECIALTY_FIT_DEPRESSION");
        assertThat(ranking.candidates().get(0).score() - ranking.candidates().get(1).score())
                .isEqualTo(Matcher.SPECIALTY_FIT_POINTS);
    }

    @Test
    void statedGenderPreferenceRanksAMatchFirstAndNoPreferenceChangesNothing() {
        var female = with(clinician("b", Set.of("CA"), 10), b -> b.gender("FEMALE"));
        var male = with(clinician("a", Set.of("CA"), 10), b -> b.gender("MALE"));
        var prefersMale = new RoutingProfile("CA", "en", Modality.VIDEO, "male", List.of());

        var ranking = matcher.rank(prefersMale, Set.of(), List.of(female, male), id -> 0);
        assertThat(ranking.candidates().get(0).clinician().id()).isEqualTo("a");
        assertThat(ranking.candidates().get(0).reasonCodes()).contains("GENDER_PREFERENCE_MET");
        var noPreference = new RoutingProfile("CA", "en", Modality.VIDEO, "NO_PREFERENCE", List.of());
        assertThat(matcher.candidate(female, noPreference, Set.of(), 0).reasonCodes())
                .doesNotContain("GENDER_PREFERENCE_MET");
    }

    @Test
    void availabilityOverlapRanksFirstAndIsExplained() {
        var mornings = with(clinician("a", Set.of("CA"), 10), b -> b.availability(Set.of("WEEKDAY_MORNING")));
        var evenings = with(clinician("b", Set.of("CA"), 10), b -> b.availability(Set.of("WEEKDAY_EVENING")));

        var ranking = matcher.rank(routing("CA"), Set.of(), List.of(mornings, evenings), id -> 0);
        assertThat(ranking.candidates().get(0).clinician().id()).isEqualTo("b");
        assertThat(ranking.candidates().get(0).reasonCodes()).contains("AVAILABILITY_OVERLAP");
        assertThat(ranking.candidates().get(1).reasonCodes()).doesNotContain("AVAILABILITY_OVERLAP");
    }

    @Test
    void balancedCaseloadsPreferTheLighterCaseloadAndPutClinicianswhoLookFullLast() {
        var a = clinician("a", Set.of("CA"), 10);
        var b = clinician("b", Set.of("CA"), 10);
        var c = clinician("c", Set.of("CA"), 10);
        Map<String, Integer> loads = Map.of("a", 10, "b", 6, "c", 2);

        var ranking = matcher.rank(routing("CA"), Set.of(), List.of(a, b, c), loads::get);
        assertThat(ranking.candidates()).extracting(k -> k.clinician().id()).containsExactly("c", "b", "a");
        assertThat(ranking.candidates().get(0).reasonCodes()).contains("BALANCED_CASELOAD");
        assertThat(Matcher.balancePoints(a, 4)).isEqualTo(2);
        assertThat(Matcher.balancePoints(a, 5)).isEqualTo(1);
        assertThat(Matcher.balancePoints(a, 7)).isEqualTo(1);
        assertThat(Matcher.balancePoints(a, 8)).isZero();
    }

    @Test
    void equalScoresAreBrokenByUtilizationThenClinicianIdSoTheSameInputAlwaysGivesTheSameOrder() {
        var big = clinician("z", Set.of("CA"), 20);
        var small = clinician("a", Set.of("CA"), 10);
        var twin = clinician("b", Set.of("CA"), 10);
        // 9/20 and 4/10 both earn the top balance points; 9/20 is the higher utilization
        Map<String, Integer> loads = Map.of("z", 9, "a", 4, "b", 4);

        var ranking = matcher.rank(routing("CA"), Set.of(), List.of(big, twin, small), loads::get);
        assertThat(ranking.candidates()).extracting(k -> k.clinician().id()).containsExactly("a", "b", "z");
        assertThat(matcher.rank(routing("CA"), Set.of(), List.of(small, big, twin), loads::get).candidates())
                .isEqualTo(ranking.candidates());
    }

    @Test
    void reasonCodesNeverNameSubstanceUseOrPsychosis() {
        var c = base();
        var reasons = matcher.candidate(c, routing("CA"), Set.of(Category.SUBSTANCE_USE, Category.PARANOIA), 0)
                .reasonCodes();
        assertThat(reasons).contains("IN_SCOPE_SPECIALIZED_CARE")
                .noneMatch(code -> code.contains("SUBSTANCE") || code.contains("PSYCHOSIS"));
    }

    @Test
    void urgentGoesOnlyToACrisisTrainedClinicianLicensedAndOnCallForTheStateNow() {
        var notOnCall = clinician("a", Set.of("CA"), 5, Specialty.CRISIS);
        var notCrisis = with(onCall("b", Set.of("CA")), b -> b.specialties(Set.of(Specialty.DEPRESSION)));
        var notLicensed = with(onCall("c", Set.of("CA")), b -> b.states(Set.of("NV")));
        var cover = onCall("d", Set.of("CA"));

        assertThat(matcher.onCallCover(routing("CA"), List.of(notOnCall, notCrisis, notLicensed), NOW, id -> 0))
                .isEmpty();
        var chosen = matcher.onCallCover(routing("CA"), List.of(notOnCall, notCrisis, notLicensed, cover), NOW,
                id -> 0);
        assertThat(chosen).hasValueSatisfying(c -> {
            assertThat(c.clinician().id()).isEqualTo("d");
            assertThat(c.reasonCodes()).contains("ON_CALL_FOR_STATE", "LICENSED_IN_STATE", "CRISIS_TRAINED");
        });
    }

    @Test
    void urgentPrefersTheClientsLanguageThenTheFewestOnCallAssignmentsThenTheId() {
        var spanish = with(onCall("z", Set.of("CA")), b -> b.languages(Set.of("en", "es")));
        var busy = onCall("a", Set.of("CA"));
        var idle = onCall("b", Set.of("CA"));
        Map<String, Integer> onCallLoads = Map.of("z", 9, "a", 3, "b", 1);
        var spanishSpeaker = new RoutingProfile("CA", "es", Modality.PHONE, null, List.of());

        assertThat(matcher.onCallCover(spanishSpeaker, List.of(busy, idle, spanish), NOW, onCallLoads::get))
                .hasValueSatisfying(c -> assertThat(c.reasonCodes()).contains("LANGUAGE_MATCH"))
                .map(c -> c.clinician().id()).hasValue("z");
        assertThat(matcher.onCallCover(routing("CA"), List.of(busy, idle, spanish), NOW, onCallLoads::get))
                .map(c -> c.clinician().id()).hasValue("b");
        assertThat(matcher.onCallCover(routing("CA"), List.of(busy, idle), NOW, id -> 0))
                .map(c -> c.clinician().id()).hasValue("a");
    }

    @Test
    void urgentFindsNoCoverOutsideTheShift() {
        var weekendsOnly = new ClinicianProfile("w", "W", "PsyD", Set.of("CA"), Set.of(Modality.PHONE), Set.of("en"),
                null, Set.of(Specialty.CRISIS), 5, true,
                List.of(new OnCallShift(Set.of("CA"), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "00:00",
                        "24:00", "UTC")), Set.of(), null, null);
        // NOW is a Wednesday
        assertThat(matcher.onCallCover(routing("CA"), List.of(weekendsOnly), NOW, id -> 0)).isEmpty();
        assertThat(matcher.onCallCover(routing("CA"), List.of(weekendsOnly), Instant.parse("2026-03-07T10:00:00Z"),
                id -> 0)).isPresent();
    }
}
