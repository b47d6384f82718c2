package com.therapyplatform.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/** What the JMH benchmarks' {@code main} methods share: running one class, and reading one result back. */
final class Jmh {

    private Jmh() {
    }

    /**
     * Runs the benchmarks of one class, or, given any argument, hands the arguments to JMH's own command
     * line (e.g. {@code -h}) and returns no results.
     */
    static Collection<RunResult> run(Class<?> benchmarks, String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return List.of();
        }
        return new Runner(new OptionsBuilder().include(benchmarks.getName()).build()).run();
    }

    /** The sampled times of one benchmark method at one value of its parameter. */
    static Statistics statistics(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && value.equals(r.getParams().getParam(param)))
                .findFirst().orElseThrow().getPrimaryResult().getStatistics();
    }
}
