package io.lockopt.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrimitiveTargetsTest {

    private static BenchResult result(String benchmark, int threads, String variant, double score,
            Map<String, Metric> roles) {
        String suite = benchmark.substring(0, benchmark.indexOf('.'));
        return new BenchResult(benchmark, "x." + benchmark, suite, "thrpt", threads, Map.of("impl", variant),
                new Metric(score, score / 20, "ops/us"), roles, Map.of(), null);
    }

    private static final List<BenchResult> RUN = List.of(
            result("rwlock.read", 1, "REENTRANT_READ_WRITE_LOCK", 30, Map.of()),
            result("rwlock.read", 1, "LOCKOPT", 24, Map.of()),
            result("rwlock.read", 1, "LOCKOPT_NO_STATS", 25, Map.of()),
            result("rwlock.read", 2, "LOCKOPT", 1, Map.of()),
            result("buffer.append", 2, "LOCKOPT_RING_BUFFER", 30, Map.of()),
            result("buffer.append", 2, "ARRAY_BLOCKING_QUEUE", 10, Map.of()),
            result("buffer.append", 2, "JCTOOLS_MPMC_QUEUE", 45, Map.of()),
            result("buffer.oneProducer", 1, "LOCKOPT_RING_BUFFER", 20, Map.of()),
            result("buffer.oneProducerWithRecent", 2, "LOCKOPT_RING_BUFFER", 18,
                    Map.of("appendBesideReader", new Metric(15, 1.0, "ops/us"), "recent", new Metric(3, 0.1, "ops/us"))));

    @Test
    void checksEveryTargetAsARatioWithinTheRun() {
        List<PrimitiveTargets.Check> checks = PrimitiveTargets.check(RUN);

        assertThat(checks).hasSize(5);
        // 30 / 24: the metered lock takes 1.25x the time of the raw one.
        assertThat(checks.get(0).value()).isCloseTo(1.25, within(1e-9));
        assertThat(checks.get(0).met()).isTrue();
        // 30 / 25 = 1.2 > 1.1.
        assertThat(checks.get(1).value()).isCloseTo(1.2, within(1e-9));
        assertThat(checks.get(1).met()).isFalse();
        assertThat(checks.get(2).value()).isCloseTo(3.0, within(1e-9));
        assertThat(checks.get(2).met()).isTrue();
        assertThat(checks.get(3).value()).isCloseTo(1.5, within(1e-9));
        assertThat(checks.get(3).met()).isTrue();
        // 15 beside a reader against 20 alone: 25% fewer appends.
        assertThat(checks.get(4).value()).isCloseTo(0.25, within(1e-9));
        assertThat(checks.get(4).met()).isFalse();
        assertThat(checks.get(4).measured()).contains("15.0 ± 1.00 ops/us with a snapshot reader", "20.0 ± 1.00 ops/us alone");
    }

    @Test
    void leavesOutWhatTheRunDidNotMeasure() {
        assertThat(PrimitiveTargets.check(RUN.subList(0, 2))).singleElement()
                .satisfies(c -> assertThat(c.target()).startsWith("uncontended read, statistics on"));
        assertThat(PrimitiveTargets.check(Fixtures.report("rwlock-old.jmh.json", 2).results())).isEmpty();
    }

    @Test
    void tableAndPageShowTheChecks() throws Exception {
        BenchReport report = BenchReport.of("a", "b", true, new Environment(2, "", "", "", 1), Map.of(), RUN);

        assertThat(ReportTable.render(report)).contains("lockopt's own targets",
                "  met     uncontended read, statistics on: <= 1.5x the time of ReentrantReadWriteLock: 1.25",
                "  MISSED  uncontended read, statistics off");
        java.io.StringWriter html = new java.io.StringWriter();
        HtmlReport.write(report, html);
        assertThat(html.toString()).contains("<table class=\"targets\">", "class=\"warn\">missed");
    }
}
