package io.lockopt.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.Environment;

/** One benchmark in a forked JVM, as {@code lockopt bench} runs them, with a thread override. */
class ForkedRunTest {

    @BeforeAll
    static void allowConcurrentJmhRuns() {
        JmhTestRuns.ignoreMachineLock();
    }

    @Test
    void runsInAForkAndKeepsJmhJson() throws Exception {
        BenchSettings settings = BenchSettings.of(Set.of(Suite.COUNTERS), RunProfile.QUICK)
                .withForks(1)
                .withInclude(Pattern.compile("^counters\\.increment$"))
                .withParams(Map.of("impl", List.of("ATOMIC_LONG")))
                .withThreads(List.of(1))
                .withIterations(0, 1, Duration.ofMillis(100));
        BenchmarkPlan plan = BenchmarkCatalog.load().plan(settings);
        assertThat(plan.executions()).isEqualTo(1);

        BenchRunner runner = new BenchRunner(plan, BenchProgress.NONE, false);
        runner.run();
        BenchReport report = runner.report(Instant.now(), Environment.capture(), true);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.benchmark()).isEqualTo("counters.increment");
            assertThat(r.variant()).isEqualTo("ATOMIC_LONG");
            assertThat(r.threads()).isEqualTo(1);
            assertThat(r.score().score()).isPositive();
        });
        assertThat(runner.jmhJson()).contains("\"benchmark\" : \"io.lockopt.benchmark.suites.CountersBenchmark.increment\"");
        // The fork ran with the fixed, pre-touched heap (JMH records its JVM arguments).
        assertThat(runner.jmhJson()).contains("\"-XX:+AlwaysPreTouch\"", "\"-Xmx512m\"");
    }
}
