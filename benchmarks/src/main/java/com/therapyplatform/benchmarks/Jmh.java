package com.therapyplatform.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/** What the JMH benchmarks' {@code main} methods share: running one class, and reading one result back. */
final class Jmh {

    private Jmh() {
    }

    /**
     * Runs the benchmarks of one class with JMH's command-line options (e.g. {@code -wi 2 -i 3
     * -jvmArgsAppend ...}); only a benchmark pattern among the arguments selects others. Help and the
     * listing options ({@code -h}, {@code -l}, ...) go to JMH's own command line and return no results.
     */
    static Collection<RunResult> run(Class<?> benchmarks, String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return List.of();
        }
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(options);
        if (options.getIncludes().isEmpty()) {
            builder.include(benchmarks.getName());
        }
        return new Runner(builder.build()).run();
    }

    /** What {@link #eachPair} hands over for one parameter value. */
    interface Pair {
        void accept(String value, Statistics first, Statistics second);
    }

    /**
     * For each of the parameter's values at which both methods ran (arguments such as {@code -p} may
     * leave some out): the value and the two methods' sampled times.
     */
    static void eachPair(Collection<RunResult> results, String param, List<String> values, String first,
            String second, Pair action) {
        for (String value : values) {
            Optional<Statistics> one = statistics(results, first, param, value);
            Optional<Statistics> other = statistics(results, second, param, value);
            if (one.isPresent() && other.isPresent()) {
                action.accept(value, one.get(), other.get());
            }
        }
    }

    private static Optional<Statistics> statistics(Collection<RunResult> results, String method, String param,
            String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && value.equals(r.getParams().getParam(param)))
                .findFirst().map(r -> r.getPrimaryResult().getStatistics());
    }
}
