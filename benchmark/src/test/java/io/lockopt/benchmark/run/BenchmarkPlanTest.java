package io.lockopt.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BenchmarkPlanTest {
    private final BenchmarkCatalog catalog = BenchmarkCatalog.load();

    @Test
    void catalogHasTheFiveSuitesAndTheirShapes() {
        assertThat(catalog.entries()).extracting(CatalogEntry::name).containsExactly(
                "counters.increment", "counters.incrementWithReads",
                "rwlock.read", "rwlock.readMostly", "rwlock.writerReaders",
                "buffer.append", "buffer.oneProducer", "buffer.oneProducerWithRecent",
                "keyed.update",
                "realtime.feedAndReaders");
        CatalogEntry writerReaders = entry("rwlock.writerReaders");
        assertThat(writerReaders.isGroup()).isTrue();
        assertThat(writerReaders.roles()).containsExactlyInAnyOrder("writer", "reader");
        assertThat(writerReaders.threads()).isEqualTo(4);
        assertThat(entry("buffer.oneProducer").isGroup()).isTrue();
        assertThat(entry("rwlock.read").isGroup()).isFalse();
        assertThat(entry("rwlock.read").threads()).isEqualTo(1);
        assertThat(entry("rwlock.read").params().get("impl")).hasSize(10).contains("LOCKOPT_NO_STATS", "LOCKOPT_OPTIMISTIC_STAMP", "COPY_ON_WRITE");
        assertThat(entry("realtime.feedAndReaders").params().get("impl"))
                .containsExactly("EXCLUSIVE", "READ_WRITE", "FINE_GRAINED", "OPTIMISTIC");
    }

    /**
     * The five-minute budget of {@code --quick --suite all}: variants x (warm-up + measurement
     * + JVM start-up). Start-up is budgeted at 1.2 s; measured here it is about 0.5 s.
     */
    @Test
    void quickRunOfAllSuitesFitsInFiveMinutes() {
        BenchmarkPlan plan = catalog.plan(BenchSettings.of(EnumSet.allOf(Suite.class), RunProfile.QUICK));

        assertThat(plan.executions()).isEqualTo(8 + 30 + 15 + 3 + 4);
        assertThat(plan.runs()).hasSize(1);
        assertThat(plan.estimatedTime()).isLessThan(Duration.ofMinutes(4));
    }

    @Test
    void sweepRunsSymmetricBenchmarksPerThreadCountAndGroupsOnce() {
        BenchSettings settings = BenchSettings.of(EnumSet.of(Suite.RWLOCK), RunProfile.QUICK)
                .withThreads(List.of(1, 2, 4));
        BenchmarkPlan plan = catalog.plan(settings);

        assertThat(plan.runs()).extracting(BenchmarkPlan.Run::threads).containsExactly(1, 2, 4, 0);
        assertThat(plan.runs().get(0).entries()).extracting(CatalogEntry::name)
                .containsExactly("rwlock.read", "rwlock.readMostly");
        assertThat(plan.runs().get(3).entries()).extracting(CatalogEntry::name)
                .containsExactly("rwlock.writerReaders");
        assertThat(plan.executions()).isEqualTo(3 * 20 + 10);
    }

    @Test
    void includeFilterAndParamOverridesNarrowThePlan() {
        BenchSettings settings = BenchSettings.of(EnumSet.allOf(Suite.class), RunProfile.QUICK)
                .withInclude(Pattern.compile("counters\\.increment$"))
                .withParams(Map.of("impl", List.of("ATOMIC_LONG", "LONG_ADDER")));
        BenchmarkPlan plan = catalog.plan(settings);

        assertThat(plan.runs()).singleElement().satisfies(run -> {
            assertThat(run.entries()).extracting(CatalogEntry::name).containsExactly("counters.increment");
            assertThat(run.includeRegex()).isEqualTo("^(?:\\Qio.lockopt.benchmark.suites.CountersBenchmark.increment\\E)$");
        });
        assertThat(plan.executions()).isEqualTo(2);
    }

    @Test
    void nothingSelectedIsAnEmptyPlan() {
        BenchSettings settings = BenchSettings.of(EnumSet.of(Suite.KEYED), RunProfile.QUICK)
                .withInclude(Pattern.compile("no-such-benchmark"));
        assertThat(catalog.plan(settings).isEmpty()).isTrue();
    }

    private CatalogEntry entry(String name) {
        return catalog.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
