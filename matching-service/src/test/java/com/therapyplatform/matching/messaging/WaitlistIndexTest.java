package com.therapyplatform.matching.messaging;

import static com.therapyplatform.matching.TestRoster.routing;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.matching.domain.WaitingIntake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class WaitlistIndexTest {

    private static final Instant T0 = Instant.parse("2026-03-04T15:00:00Z");
    private static final List<String> STATES = List.of("CA", "NY", "TX");

    private final WaitlistIndex index = new WaitlistIndex();

    private static WaitingIntake waiting(String intakeId, int secondsAfterT0, String state, Category... categories) {
        return new WaitingIntake(intakeId, T0.plusSeconds(secondsAfterT0), routing(state), Set.of(categories));
    }

    private void put(WaitingIntake waiting) {
        index.put(waiting.arrivalKey(), InternalJson.write(waiting));
    }

    private List<String> walk(Predicate<Matcher.Fit> mayTake) {
        List<String> visited = new ArrayList<>();
        index.inOrderOfArrival(mayTake, waiting -> visited.add(waiting.intakeId()));
        return visited;
    }

    private static Predicate<Matcher.Fit> inStates(String... states) {
        return fit -> Set.of(states).contains(fit.state());
    }

    @Test
    void aWalkVisitsTheFitsTheClinicianMayTakeMergedInOrderOfArrival() {
        put(waiting("ca-late", 3, "CA"));
        put(waiting("tx", 0, "TX"));
        put(waiting("ca-early", 1, "CA"));
        put(waiting("ny", 2, "NY"));
        put(waiting("ca-sud", 4, "CA", Category.SUBSTANCE_USE));

        assertThat(walk(inStates("CA", "NY"))).containsExactly("ca-early", "ny", "ca-late", "ca-sud");
        assertThat(walk(fit -> fit.scopeNeeded().isEmpty())).containsExactly("tx", "ca-early", "ny", "ca-late");
    }

    @Test
    void aFitTheClinicianMayNotTakeIsAskedAboutOnceAndNoneOfItsIntakesIsVisited() {
        for (int i = 0; i < 1_000; i++) {
            put(waiting("ny-" + i, i, "NY"));
        }
        put(waiting("ca", 500, "CA"));
        Map<Matcher.Fit, Integer> asked = new HashMap<>();

        List<String> visited = walk(fit -> {
            asked.merge(fit, 1, Integer::sum);
            return "CA".equals(fit.state());
        });

        assertThat(visited).containsExactly("ca");
        assertThat(asked).hasSize(2).allSatisfy((fit, times) -> assertThat(times).isOne());
    }

    @Test
    void theWalkStopsAtTheFirstIntakeTheVisitorAnswersFalseFor() {
        for (int i = 0; i < 5; i++) {
            put(waiting("i" + i, i, i % 2 == 0 ? "CA" : "NY"));
        }
        List<String> visited = new ArrayList<>();

        index.inOrderOfArrival(fit -> true, waiting -> visited.add(waiting.intakeId()) && visited.size() < 3);

        assertThat(visited).containsExactly("i0", "i1", "i2");
    }

    @Test
    void deletesLeaveTheWalkAndContainsSeesEveryFit() {
        WaitingIntake ca = waiting("ca", 1, "CA");
        WaitingIntake ny = waiting("ny", 2, "NY");
        put(ca);
        put(ny);

        index.delete(ca.arrivalKey());
        index.delete("no-such-key");

        assertThat(walk(fit -> true)).containsExactly("ny");
        assertThat(index.contains(ny.arrivalKey())).isTrue();
        assertThat(index.contains(ca.arrivalKey())).isFalse();
    }

    @Test
    void aReloadReplacesEverythingItHeldWithWhatTheStoreHoldsNow() {
        put(waiting("gone", 1, "CA"));
        WaitingIntake restored = waiting("restored", 2, "NY");

        index.reload(List.of(KeyValue.pair(restored.arrivalKey(), InternalJson.write(restored))).iterator());

        assertThat(walk(fit -> true)).containsExactly("restored");
    }

    @Test
    void anEntryNobodyCanReadIsLeftOutAndTheOthersAreStillWalked() {
        put(waiting("before", 1, "CA"));
        index.put("000000000002.000000000|unreadable", "{not json".getBytes(StandardCharsets.UTF_8));
        put(waiting("after", 3, "CA"));

        assertThat(walk(fit -> true)).containsExactly("before", "after");
        assertThat(index.contains("000000000002.000000000|unreadable")).isFalse();
    }

    /** The reference: the global store itself, key-ordered, walked whole and filtered intake by intake. */
    @Test
    void anyWaitlistIsWalkedExactlyAsTheStoreFilteredIntakeByIntakeWouldBe() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            TreeMap<String, WaitingIntake> store = new TreeMap<>();
            for (int op = 0; op < 200; op++) {
                if (!store.isEmpty() && random.nextInt(4) == 0) {
                    String key = new ArrayList<>(store.keySet()).get(random.nextInt(store.size()));
                    store.remove(key);
                    index.delete(key);
                } else {
                    Category[] categories = random.nextBoolean() ? new Category[0]
                            : new Category[] {Category.values()[random.nextInt(Category.values().length)]};
                    WaitingIntake waiting = waiting("s" + seed + "-" + op, random.nextInt(100),
                            STATES.get(random.nextInt(STATES.size())), categories);
                    store.put(waiting.arrivalKey(), waiting);
                    put(waiting);
                }
            }
            Map<Matcher.Fit, Boolean> answers = new HashMap<>();
            Predicate<Matcher.Fit> mayTake = fit -> answers.computeIfAbsent(fit, f -> random.nextBoolean());
            int stopAfter = 1 + random.nextInt(store.size() + 1);

            List<String> expected = store.values().stream().filter(w -> mayTake.test(w.fit()))
                    .map(WaitingIntake::intakeId).limit(stopAfter).toList();
            List<String> visited = new ArrayList<>();
            index.inOrderOfArrival(mayTake, waiting -> visited.add(waiting.intakeId()) && visited.size() < stopAfter);

            assertThat(visited).as("seed %d", seed).isEqualTo(expected);
            index.reload(List.<KeyValue<String, byte[]>>of().iterator());
        }
    }
}
