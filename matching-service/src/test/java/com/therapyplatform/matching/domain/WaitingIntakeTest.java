package com.therapyplatform.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaitingIntakeTest {

    /** The key as it was first defined; keys already on the waitlist topic were written this way. */
    private static String formatted(Instant at, String intakeId) {
        return String.format("%012d.%09d|%s", at.getEpochSecond(), at.getNano(), intakeId);
    }

    @Test
    void theArrivalKeyIsTheOneTheWaitlistWasWrittenWithForEdgeAndRandomInstants() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(999_999_999_999L, 999_999_999), Instant.parse("2026-11-27T15:04:05.123456789Z"),
                Instant.ofEpochSecond(-1, 5)));
        Random random = new Random(20261127);
        for (int i = 0; i < 1_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(4_000_000_000L), random.nextInt(1_000_000_000)));
        }
        for (Instant at : instants) {
            assertThat(WaitingIntake.arrivalKey(at, "intake-" + at.getNano())).isEqualTo(formatted(at, "intake-" + at.getNano()));
        }
    }

    @Test
    void arrivalKeysSortInOrderOfArrivalThenIntakeId() {
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            instants.add(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000), random.nextInt(3) * 1_000));
        }
        List<String> byKey = instants.stream().map(at -> WaitingIntake.arrivalKey(at, "b")).sorted().toList();
        List<String> byArrival = instants.stream().sorted(Comparator.naturalOrder())
                .map(at -> WaitingIntake.arrivalKey(at, "b")).toList();
        assertThat(byKey).isEqualTo(byArrival);
        Instant same = Instant.parse("2026-11-27T15:00:00Z");
        assertThat(WaitingIntake.arrivalKey(same, "a")).isLessThan(WaitingIntake.arrivalKey(same, "b"));
    }
}
