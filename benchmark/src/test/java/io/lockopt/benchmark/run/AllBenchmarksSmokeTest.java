package io.lockopt.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.BenchResult;
import io.lockopt.benchmark.report.Environment;

/**
 * Every benchmark method of every suite runs once, for every variant: one measurement
 * iteration of 100 ms, no warm-up.
 *
 * <p>One fork per variant, as real runs use; one JMH run for all suites keeps the JVM start-ups
 * to one per variant (about 25 s for the whole catalog on 2 cores).
 */
class AllBenchmarksSmokeTest {

    @BeforeAll
    static void allowConcurrentJmhRuns() {
        JmhTestRuns.ignoreMachineLock();
    }

    @Test
    void everyMethodAndVariantProducesAScore() throws Exception {
        BenchmarkCatalog catalog = BenchmarkCatalog.load();
        BenchSettings settings = BenchSettings.of(EnumSet.allOf(Suite.class), RunProfile.QUICK)
                .withForks(1)
                .withIterations(0, 1, Duration.ofMillis(100));
        BenchmarkPlan plan = catalog.plan(settings);
        List<String> labels = new java.util.ArrayList<>();
        BenchRunner runner = new BenchRunner(plan, new BenchProgress() {
            @Override
            public void started(int index, int total, String label, Duration remaining) {
                labels.add(index + "/" + total + " " + label);
            }
        }, false);

        runner.run();
        BenchReport report = runner.report(Instant.now(), Environment.capture(), true);

        assertThat(labels).hasSize(plan.executions());
        assertThat(report.results()).hasSize(plan.executions());
        Set<String> methods = new HashSet<>();
        for (BenchResult r : report.results()) {
            assertThat(r.score().score()).as(r.key()).isPositive();
            methods.add(r.benchmark());
        }
        assertThat(methods).containsExactlyInAnyOrderElementsOf(
                catalog.entries().stream().map(CatalogEntry::name).collect(Collectors.toSet()));
        // JMH reports each role of a group separately once there are two or more.
        for (CatalogEntry group : catalog.entries().stream().filter(e -> e.roles().size() > 1).toList()) {
            report.results().stream().filter(r -> r.jmhBenchmark().equals(group.jmhName()))
                    .forEach(r -> assertThat(r.roles().keySet()).as(r.key())
                            .containsExactlyInAnyOrderElementsOf(group.roles()));
        }
        // Every suite's baseline ran, so every result has its ratio.
        assertThat(report.results()).allSatisfy(r -> assertThat(r.speedup()).as(r.key()).isNotNull());
    }
}
