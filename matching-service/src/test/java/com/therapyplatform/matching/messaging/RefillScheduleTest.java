package com.therapyplatform.matching.messaging;

import static com.therapyplatform.matching.TestRoster.clinician;
import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.domain.CapacityLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefillScheduleTest {

    private final RefillSchedule schedule = new RefillSchedule(Duration.ofSeconds(1), Duration.ofSeconds(8));
    private final CapacityLedger ledger = CapacityLedger.empty("c");
    private final ClinicianProfile profile = clinician("c", Set.of("CA"), 5);

    /** The seconds (ticks of 1 s, from 1 to {@code until}) at which a walk was due, each walk finding nobody. */
    private List<Integer> fruitlessWalks(int until) {
        List<Integer> walks = new ArrayList<>();
        for (int second = 1; second <= until; second++) {
            if (schedule.due("c", ledger, profile, second * 1000L)) {
                walks.add(second);
                schedule.walked("c", ledger, profile, false, second * 1000L);
            }
        }
        return walks;
    }

    @Test
    void walksThatFindNobodyBackOffTwiceAsLongEachTimeUpToTheMaximum() {
        assertThat(fruitlessWalks(40)).containsExactly(1, 2, 4, 8, 16, 24, 32, 40);
    }

    @Test
    void aChangedLedgerOrProfileMakesTheWalkDueAtOnceAndStartsTheBackOffOver() {
        fruitlessWalks(20);
        CapacityLedger released = new CapacityLedger("c", Set.of(), Map.of(), Set.of(), Set.of(), 7);
        assertThat(schedule.due("c", released, profile, 20_500)).isTrue();
        schedule.walked("c", released, profile, false, 20_500);
        assertThat(schedule.due("c", released, profile, 21_000)).isFalse();
        assertThat(schedule.due("c", released, profile, 21_500)).isTrue();

        ClinicianProfile moreRoom = clinician("c", Set.of("CA"), 9);
        assertThat(schedule.due("c", released, moreRoom, 21_000)).isTrue();
    }

    @Test
    void aWalkThatOfferedSomethingIsFollowedByAnotherAtTheNextTick() {
        fruitlessWalks(20);
        schedule.walked("c", ledger, profile, true, 20_000);
        assertThat(schedule.due("c", ledger, profile, 21_000)).isTrue();
        assertThat(schedule.due("other", ledger, profile, 21_000)).isTrue();
    }
}
