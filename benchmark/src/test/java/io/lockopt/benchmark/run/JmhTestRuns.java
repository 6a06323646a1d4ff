package io.lockopt.benchmark.run;

/**
 * JMH takes a machine-wide lock file so that two benchmark runs do not distort each other.
 * Tests measure nothing, and a build may run them while another checkout's tests (or a real
 * benchmark) run, so they skip it.
 */
final class JmhTestRuns {
    private JmhTestRuns() {
    }

    static void ignoreMachineLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }
}
