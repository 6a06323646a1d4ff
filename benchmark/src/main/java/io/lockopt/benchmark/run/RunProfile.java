package io.lockopt.benchmark.run;

import java.time.Duration;

/**
 * Iteration settings. {@code QUICK} is for a first look and CI: one fork, one short warm-up
 * and three short measurements per variant (JMH needs three for an error estimate); the whole bundled suite stays under five minutes
 * on two cores (see {@code BenchmarkPlanTest}). {@code STANDARD} is for numbers to keep:
 * two forks, three warm-up and five measurement iterations of a second each, so JVM-to-JVM
 * variance shows in the error.
 */
public enum RunProfile {
    QUICK(1, 1, Duration.ofMillis(800), 3, Duration.ofMillis(500)),
    STANDARD(2, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1));

    private final int forks;
    private final int warmupIterations;
    private final Duration warmupTime;
    private final int measurementIterations;
    private final Duration measurementTime;

    RunProfile(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
            Duration measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public Duration warmupTime() {
        return warmupTime;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public Duration measurementTime() {
        return measurementTime;
    }
}
