package com.therapyplatform.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfOneToAThousand() {
        long[] sorted = LongStream.rangeClosed(1, 1000).toArray();
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(500);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(990);
        assertThat(Stats.percentile(sorted, 99.9)).isEqualTo(999);
        assertThat(Stats.percentile(sorted, 100)).isEqualTo(1000);
        assertThat(Stats.percentile(sorted, 0)).isEqualTo(1);
    }

    @Test
    void aTailPercentileOfFewSamplesIsTheMaximumNotAnInterpolation() {
        long[] sorted = {1, 2, 3, 4, 100};
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(100);
        assertThat(Stats.percentile(sorted, 99.9)).isEqualTo(100);
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(3);
    }

    @Test
    void summaryIsInMillisecondsAndIndependentOfInputOrder() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000};
        Stats.Summary s = Stats.summarize(nanos);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.p50()).isEqualTo(3.0);
        assertThat(s.p99()).isEqualTo(5.0);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(nanos[0]).as("the input is not sorted in place").isEqualTo(5_000_000);
    }

    @Test
    void noSamplesGiveAnEmptySummaryAndNoPercentile() {
        assertThat(Stats.summarize(new long[0]).count()).isZero();
        assertThat(Stats.summarize(new long[0]).toMap().get("p99Ms")).isNull();
        assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratiosAreValueOverBaselineAndUndefinedWithoutABaseline() {
        assertThat(Stats.ratio(30, 10)).isEqualTo(3.0);
        assertThat(Stats.ratio(5, 0)).isNaN();
        assertThat(Stats.ratio(Double.NaN, 10)).isNaN();
        assertThat(Stats.ratio(5, Double.NaN)).isNaN();
        assertThat(Stats.round(Stats.ratio(2, 3))).isEqualTo(0.67);
        assertThat(Stats.round(Double.NaN)).isNull();
    }
}
