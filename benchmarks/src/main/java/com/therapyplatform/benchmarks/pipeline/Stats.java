package com.therapyplatform.benchmarks.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency summaries (nearest-rank percentiles over every sample, no histogram buckets) and ratios. */
public final class Stats {

    private Stats() {
    }

    /** Percentiles of one set of latencies, in milliseconds. */
    public record Summary(int count, double p50, double p99, double p999, double max) {

        @Override
        public String toString() {
            return String.format("n=%d p50=%.1f p99=%.1f p99.9=%.1f max=%.1f ms", count, p50, p99, p999, max);
        }

        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("p50Ms", round(p50));
            m.put("p99Ms", round(p99));
            m.put("p999Ms", round(p999));
            m.put("maxMs", round(max));
            return m;
        }
    }

    /** Summarises latencies given in nanoseconds. */
    public static Summary summarize(long[] nanos) {
        if (nanos.length == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
                ms(percentile(sorted, 99.9)), ms(sorted[sorted.length - 1]));
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value such that at least {@code p} percent
     * of the values are at or below it (so p99.9 of fewer than 1,000 samples is the maximum).
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0) {
            return sorted[0];
        }
        // the epsilon keeps 99.9 % of 1,000 at rank 999 (the product is 999.0000000000001 in doubles)
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** value / baseline, or NaN when either is missing or the baseline is zero. */
    public static double ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline == 0) {
            return Double.NaN;
        }
        return value / baseline;
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Two decimals; NaN becomes null in JSON. */
    public static Double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        return Math.round(v * 100.0) / 100.0;
    }
}
