package io.lockopt.advice;

import java.util.List;
import java.util.Map;

/** Hand-made calibrations for tests: two work levels at 1 and 2 threads. */
final class Calibrations {
    private Calibrations() {
    }

    /**
     * Like this 2-core machine: at 2 threads a read/write lock loses up to a 300 ns hold and wins
     * at 2 µs (crossover in between), optimistic reads win at short holds.
     */
    static Calibration shortHoldsFavourOptimistic() {
        return new Calibration(Calibration.FORMAT, "test machine", "2026-12-03T00:00:00Z", "test", List.of(
                point(0, 20, 1, 20, 22, 8, 17),
                point(512, 2_000, 1, 2_100, 2_100, 2_050, 2_000),
                point(0, 20, 2, 50, 190, 40, 30),
                point(64, 300, 2, 600, 1_200, 500, 900),
                point(512, 2_000, 2, 4_800, 3_000, 5_500, 7_000)));
    }

    /** A machine where a read/write lock wins at every hold. */
    static Calibration readWriteAlwaysWins() {
        return new Calibration(Calibration.FORMAT, "rw machine", "2026-12-03T00:00:00Z", "test", List.of(
                point(0, 20, 1, 20, 10, 30, 40),
                point(512, 2_000, 1, 2_100, 1_000, 2_200, 2_300),
                point(0, 20, 2, 400, 30, 450, 500),
                point(512, 2_000, 2, 4_800, 1_500, 5_500, 7_000)));
    }

    static Calibration.Point point(int work, double hold, int threads, double exclusive, double readWrite,
            double optimistic, double copyOnWrite) {
        return new Calibration.Point(work, hold, threads, Map.of(Strategy.EXCLUSIVE, exclusive,
                Strategy.READ_WRITE, readWrite, Strategy.OPTIMISTIC, optimistic, Strategy.COPY_ON_WRITE,
                copyOnWrite));
    }
}
