package io.lockopt.benchmark.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JMH runs behind one {@code lockopt bench}: without a thread sweep, one run of every
 * selected benchmark at its own thread count; with {@code --threads a,b,..}, one run per count
 * over the symmetric benchmarks and one run of the asymmetric groups, whose shape is fixed.
 *
 * @param runs       the JMH runs in order
 * @param executions variant executions (parameter combination x thread count) over all runs
 */
public record BenchmarkPlan(List<Run> runs, int executions, BenchSettings settings) {

    /** JVM start-up and JMH set-up per fork, for time estimates (measured: about 1 s on 2 cores). */
    static final Duration FORK_OVERHEAD = Duration.ofMillis(1200);

    /**
     * One JMH run.
     *
     * @param entries the benchmarks it runs
     * @param threads the thread count to force, or 0 to keep each benchmark's own
     */
    public record Run(List<CatalogEntry> entries, int threads) {
        public Run {
            entries = List.copyOf(entries);
        }

        /** The JMH include regex for exactly these benchmarks. */
        public String includeRegex() {
            return entries.stream().map(e -> Pattern.quote(e.jmhName()))
                    .collect(Collectors.joining("|", "^(?:", ")$"));
        }

        int executions(BenchSettings settings) {
            return entries.stream().mapToInt(e -> e.combinations(settings.params())).sum();
        }
    }

    public BenchmarkPlan {
        runs = List.copyOf(runs);
    }

    static BenchmarkPlan of(List<CatalogEntry> selected, BenchSettings settings) {
        List<Run> runs = new ArrayList<>();
        if (settings.threads().isEmpty()) {
            if (!selected.isEmpty()) {
                runs.add(new Run(selected, 0));
            }
        } else {
            List<CatalogEntry> symmetric = selected.stream().filter(e -> !e.isGroup()).toList();
            List<CatalogEntry> groups = selected.stream().filter(CatalogEntry::isGroup).toList();
            if (!symmetric.isEmpty()) {
                for (int t : settings.threads()) {
                    runs.add(new Run(symmetric, t));
                }
            }
            if (!groups.isEmpty()) {
                runs.add(new Run(groups, 0));
            }
        }
        int executions = runs.stream().mapToInt(r -> r.executions(settings)).sum();
        return new BenchmarkPlan(runs, executions, settings);
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** Expected wall time of one variant execution (all its forks). */
    public Duration timePerExecution() {
        int forks = Math.max(1, settings.forks());
        return settings.timePerFork().plus(FORK_OVERHEAD).multipliedBy(forks);
    }

    /** Expected wall time of the whole plan. */
    public Duration estimatedTime() {
        return timePerExecution().multipliedBy(executions);
    }
}
