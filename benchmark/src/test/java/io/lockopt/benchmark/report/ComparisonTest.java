package io.lockopt.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lockopt.benchmark.report.Comparison.Verdict;

class ComparisonTest {
    private final Comparison comparison = Comparison.of(Fixtures.report("rwlock-new.jmh.json", 2),
            Fixtures.report("rwlock-old.jmh.json", 2));

    private Map<String, Verdict> verdicts() {
        return comparison.rows().stream()
                .collect(Collectors.toMap(r -> Comparison.label(r.current()), Comparison.Row::verdict));
    }

    @Test
    void overlappingIntervalsAreNoSignificantDifference() {
        assertThat(verdicts())
                .containsEntry("rwlock.read SYNCHRONIZED work=0 threads=1", Verdict.NO_SIGNIFICANT_DIFFERENCE)
                .containsEntry("rwlock.read SYNCHRONIZED work=0 threads=2", Verdict.NO_SIGNIFICANT_DIFFERENCE)
                // 500 ± 400 then, 520 ± 400 now: a 4% change inside the noise.
                .containsEntry("rwlock.read STAMPED_LOCK_OPTIMISTIC work=0 threads=2", Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void separatedIntervalsGiveFasterOrSlower() {
        assertThat(verdicts())
                .containsEntry("rwlock.read STAMPED_LOCK_OPTIMISTIC work=0 threads=1", Verdict.FASTER)
                .containsEntry("rwlock.read LOCKOPT work=0 threads=1", Verdict.SLOWER)
                // 400 ± 30 then, 380 ± 30 now: intervals [370, 430] and [350, 410] overlap.
                .containsEntry("rwlock.writerReaders STAMPED_LOCK_OPTIMISTIC work=0 threads=4",
                        Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void noErrorEstimateIsInconclusive() {
        assertThat(verdicts()).containsEntry("rwlock.read LOCKOPT work=0 threads=2", Verdict.INCONCLUSIVE);
    }

    @Test
    void ratioIsNewOverOld() {
        Comparison.Row stamped = comparison.rows().stream()
                .filter(r -> Comparison.label(r.current()).equals("rwlock.read STAMPED_LOCK_OPTIMISTIC work=0 threads=1"))
                .findFirst().orElseThrow();
        assertThat(stamped.ratio()).isCloseTo(800.0 / 600.0, within(1e-9));
    }

    @Test
    void listsWhatOnlyOneRunMeasured() {
        assertThat(comparison.onlyOld()).containsExactly("rwlock.writerReaders LOCKOPT work=0 threads=4");
        assertThat(comparison.onlyCurrent()).containsExactly("rwlock.writerReaders SYNCHRONIZED work=50 threads=4");
        assertThat(comparison.rows()).hasSize(8);
    }

    @Test
    void tableShowsOldNewRatioAndVerdict() {
        String table = ReportTable.renderComparison(comparison);

        assertThat(table).containsPattern(
                "rwlock\\.read\\s+STAMPED_LOCK_OPTIMISTIC \\(work=0\\)\\s+1\\s+600 ± 20\\.0\\s+800 ± 20\\.0 ops/us\\s+1\\.33\\s+faster");
        assertThat(table).containsPattern("rwlock\\.read\\s+LOCKOPT \\(work=0\\)\\s+2\\s+7\\.00 ± \\?.*inconclusive");
        assertThat(table).contains("new, not in the old run: rwlock.writerReaders SYNCHRONIZED work=50 threads=4",
                "1 measurement of the old run not repeated now");
    }

    @Test
    void lowerIsBetterInTimeModes() {
        BenchResult fast = timed(10, 1);
        BenchResult slow = timed(20, 1);
        assertThat(Comparison.verdict(fast, slow)).isEqualTo(Verdict.FASTER);
        assertThat(Comparison.verdict(slow, fast)).isEqualTo(Verdict.SLOWER);
    }

    private static BenchResult timed(double nanos, double error) {
        return new BenchResult("rwlock.read", "x.RwLockBenchmark.read", "rwlock", "avgt", 1,
                Map.of("impl", "LOCKOPT"), new Metric(nanos, error, "ns/op"), Map.of(), Map.of(), null);
    }
}
