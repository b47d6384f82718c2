package com.therapyplatform.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void sendsAreDueAtFixedIntervalsFromTheStartWhateverHappenedBefore() {
        OpenLoop loop = new OpenLoop(1_000_000_000L, 200, 60);
        assertThat(loop.count()).isEqualTo(12_000);
        assertThat(loop.dueNanos(0)).isEqualTo(1_000_000_000L);
        assertThat(loop.dueNanos(1)).isEqualTo(1_005_000_000L);
        assertThat(loop.dueNanos(11_999)).isEqualTo(1_000_000_000L + 11_999L * 5_000_000L);
    }

    @Test
    void fractionalPeriodsDoNotDriftOverALongRun() {
        OpenLoop loop = new OpenLoop(0, 3, 3600);
        assertThat(loop.count()).isEqualTo(10_800);
        assertThat(loop.dueNanos(10_799)).isEqualTo(Math.round(10_799 * (1e9 / 3)));
        assertThat(loop.dueNanos(3)).isEqualTo(1_000_000_000L);
    }

    @Test
    void dueByCountsSendsAtOrBeforeAnInstantAndNeverMoreThanTheSchedule() {
        OpenLoop loop = new OpenLoop(1_000, 1000, 1);
        assertThat(loop.dueBy(999)).isZero();
        assertThat(loop.dueBy(1_000)).isEqualTo(1);
        assertThat(loop.dueBy(1_000 + 1_999_999)).isEqualTo(2);
        assertThat(loop.dueBy(1_000 + 2_000_000)).isEqualTo(3);
        assertThat(loop.dueBy(Long.MAX_VALUE / 2)).isEqualTo(1000);
    }

    @Test
    void aSlowSenderDoesNotMoveLaterDueTimes() throws InterruptedException {
        long start = Clock.nanos();
        OpenLoop loop = new OpenLoop(start, 100, 0.05);
        List<long[]> sent = new ArrayList<>();
        loop.run((i, due) -> {
            sent.add(new long[] {due, Clock.nanos()});
            if (i == 0) {
                try {
                    Thread.sleep(30); // a stall: the next sends are late, their due times are not
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(sent).hasSize(5);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i)[0]).isEqualTo(start + i * 10_000_000L);
            assertThat(sent.get(i)[1]).as("never sent before it is due").isGreaterThanOrEqualTo(sent.get(i)[0]);
        }
        assertThat(sent.get(1)[1] - sent.get(1)[0]).as("the stalled send's lateness is kept").isGreaterThan(15_000_000L);
    }

    @Test
    void refusesAScheduleWithoutRateOrDuration() {
        assertThatThrownBy(() -> new OpenLoop(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoop(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
