package io.lockopt.benchmark.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lockopt.advice.Calibration;
import io.lockopt.advice.Strategy;
import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.BenchResult;
import io.lockopt.benchmark.report.Environment;
import io.lockopt.benchmark.report.Metric;
import io.lockopt.benchmark.run.BenchmarkCatalog;
import io.lockopt.benchmark.run.BenchmarkPlan;

class CalibrationSweepTest {
    private static BenchResult result(String variant, int work, int threads, double opsPerMicro) {
        return new BenchResult("rwlock.readMostly", "io.lockopt.benchmark.suites.RwLockBenchmark.readMostly", "rwlock",
                "thrpt", threads, Map.of("impl", variant, "work", String.valueOf(work)),
                Metric.of(opsPerMicro, Double.NaN, "ops/us"), Map.of(), Map.of(), null);
    }

    private static BenchReport report(List<BenchResult> results) {
        return BenchReport.of("a", "b", true, new Environment(2, "17", "vm", "os", 1.0), Map.of(), results);
    }

    @Test
    void theQuickSweepStaysUnderAMinute() {
        BenchmarkPlan plan = BenchmarkCatalog.load().plan(CalibrationSweep.settings(true));

        assertThat(plan.executions()).isEqualTo(4 * 3 * 2);
        assertThat(plan.estimatedTime()).isLessThan(Duration.ofMinutes(1));
        assertThat(plan.runs()).allSatisfy(run -> assertThat(run.entries())
                .allSatisfy(e -> assertThat(e.name()).isEqualTo("rwlock.readMostly")));
    }

    @Test
    void turnsThroughputsIntoCostsPerOperationAndHoldTimes() {
        List<BenchResult> results = new ArrayList<>();
        for (int work : List.of(0, 64)) {
            double scale = work == 0 ? 1 : 0.1;
            results.add(result("REENTRANT_LOCK", work, 1, 50 * scale));
            results.add(result("REENTRANT_READ_WRITE_LOCK", work, 1, 40 * scale));
            results.add(result("STAMPED_LOCK_OPTIMISTIC", work, 1, 100 * scale));
            results.add(result("COPY_ON_WRITE", work, 1, 80 * scale));
            results.add(result("REENTRANT_LOCK", work, 2, 20 * scale));
            results.add(result("REENTRANT_READ_WRITE_LOCK", work, 2, 10 * scale));
            results.add(result("STAMPED_LOCK_OPTIMISTIC", work, 2, 150 * scale));
            results.add(result("COPY_ON_WRITE", work, 2, 160 * scale));
            results.add(result("SYNCHRONIZED", work, 2, 30 * scale));
        }

        Calibration calibration = CalibrationSweep.calibration(report(results), "m", "now", "test");

        assertThat(calibration.points()).hasSize(4);
        Calibration.Point twoThreads = calibration.points().stream().filter(p -> p.threads() == 2 && p.work() == 0)
                .findFirst().orElseThrow();
        // 20 ops/µs over 2 threads: each thread spends 100 ns per operation.
        assertThat(twoThreads.nanosPerOp().get(Strategy.EXCLUSIVE)).isCloseTo(100, within(1e-9));
        // The hold: the cheapest strategy on one thread, optimistic at 100 ops/µs = 10 ns.
        assertThat(twoThreads.holdNanos()).isCloseTo(10, within(1e-9));
        assertThat(calibration.costNanos(Strategy.READ_WRITE, 10, 2)).isCloseTo(200, within(1e-9));
    }

    @Test
    void aRunLackingAStrategyIsNoCalibration() {
        List<BenchResult> results = List.of(result("REENTRANT_LOCK", 0, 1, 50), result("COPY_ON_WRITE", 0, 1, 80));

        assertThatThrownBy(() -> CalibrationSweep.calibration(report(results), "m", "now", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks");
    }
}
