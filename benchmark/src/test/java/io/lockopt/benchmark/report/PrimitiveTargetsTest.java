package io.lockopt.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class PrimitiveTargetsTest {

    private static BenchResult result(String benchmark, int threads, String variant, double score,
            Map<String, Metric> roles) {
        String suite = benchmark.substring(0, benchmark.indexOf('.'));
        return new BenchResult(benchmark, "x." + benchmark, suite, "thrpt", threads, Map.of("impl", variant),
                new Metric(score, score / 20, "ops/us"), roles, Map.of(), null);
    }

    private static Map<String, Metric> roles(double reader, double writer) {
        return Map.of("reader", new Metric(reader, 1.0, "ops/us"), "writer", new Metric(writer, 1.0, "ops/us"));
    }

    private static final List<BenchResult> RUN = List.of(
            result("rwlock.read", 1, "REENTRANT_READ_WRITE_LOCK", 30, Map.of()),
            result("rwlock.read", 1, "LOCKOPT", 24, Map.of()),
            result("rwlock.read", 1, "LOCKOPT_NO_STATS", 29, Map.of()),
            result("rwlock.read", 1, "STAMPED_LOCK_OPTIMISTIC", 300, Map.of()),
            result("rwlock.read", 1, "LOCKOPT_OPTIMISTIC", 200, Map.of()),
            result("rwlock.read", 1, "LOCKOPT_OPTIMISTIC_STAMP", 270, Map.of()),
            result("rwlock.read", 2, "LOCKOPT", 1, Map.of()),
            result("rwlock.read", 2, "REENTRANT_READ_WRITE_LOCK", 1, Map.of()),
            result("rwlock.writerReaders", 4, "REENTRANT_READ_WRITE_LOCK", 30, roles(20, 10)),
            result("rwlock.writerReaders", 4, "LOCKOPT", 25, roles(17, 7)),
            result("rwlock.readMostly", 2, "REENTRANT_READ_WRITE_LOCK", 40, Map.of()),
            result("rwlock.readMostly", 2, "LOCKOPT", 36, Map.of()),
            result("buffer.append", 2, "LOCKOPT_RING_BUFFER", 30, Map.of()),
            result("buffer.append", 2, "ARRAY_BLOCKING_QUEUE", 10, Map.of()),
            result("buffer.append", 2, "JCTOOLS_MPMC_QUEUE", 45, Map.of()),
            result("buffer.oneProducer", 1, "LOCKOPT_RING_BUFFER", 20, Map.of()),
            result("buffer.oneProducerWithRecent", 2, "LOCKOPT_RING_BUFFER", 18,
                    Map.of("appendBesideReader", new Metric(16, 1.0, "ops/us"), "recent", new Metric(3, 0.1, "ops/us"))),
            result("keyed.update", 1, "LOCKOPT_KEYED_LOCKS", 50, Map.of()),
            result("keyed.update", 1, "GUAVA_STRIPED", 50, Map.of()),
            result("keyed.update", 2, "LOCKOPT_KEYED_LOCKS", 20, Map.of()),
            result("keyed.update", 2, "GUAVA_STRIPED", 40, Map.of()));

    private static Map<String, PrimitiveTargets.Check> byTarget(List<PrimitiveTargets.Check> checks) {
        return checks.stream().collect(Collectors.toMap(PrimitiveTargets.Check::target, Function.identity()));
    }

    @Test
    void checksEveryTargetAsARatioToItsBaselineWithinTheRun() {
        Map<String, PrimitiveTargets.Check> checks = byTarget(PrimitiveTargets.check(RUN));

        // Not checked: statistics off under contention, optimistic readMostly (not in the run),
        // and the 2-thread rwlock.read (the time target is about the uncontended path).
        assertThat(checks).hasSize(12);
        // 30 / 24: the metered lock takes 1.25x the time of the raw one, over 1.2.
        assertCheck(checks, "MeteredReadWriteLock, statistics on, uncontended read", 1.25, false);
        assertCheck(checks, "MeteredReadWriteLock, statistics on, writerReaders readers", 0.85, true);
        assertCheck(checks, "MeteredReadWriteLock, statistics on, writerReaders writer", 0.7, false);
        assertCheck(checks, "MeteredReadWriteLock, statistics on, readMostly", 0.9, true);
        assertCheck(checks, "MeteredReadWriteLock, statistics off, read", 29.0 / 30, true);
        assertCheck(checks, "optimisticRead, read", 200.0 / 300, false);
        assertCheck(checks, "tryOptimisticRead/validate, read", 0.9, true);
        assertCheck(checks, "RingBuffer, 2 producers: >= 1.5x", 3.0, true);
        assertCheck(checks, "RingBuffer, 2 producers: >= 1.0x", 30.0 / 45, false);
        // 16 beside a reader against 20 alone: 20% fewer appends.
        assertCheck(checks, "RingBuffer, a recent(100) reader", 0.2, true);
        assertCheck(checks, "KeyedLocks, update: >= 0.9x Guava Striped, 1 thread", 1.0, true);
        assertCheck(checks, "KeyedLocks, update: >= 0.9x Guava Striped, 2 threads", 0.5, false);
        assertThat(checks.values()).filteredOn(c -> c.target().startsWith("RingBuffer, a recent")).singleElement()
                .satisfies(c -> assertThat(c.measured()).contains("16.0 ± 1.00 ops/us with a snapshot reader",
                        "20.0 ± 1.00 ops/us alone"));
        assertThat(checks.values()).filteredOn(c -> c.target().contains("writerReaders writer")).singleElement()
                .satisfies(c -> assertThat(c.measured()).isEqualTo("LOCKOPT 7.00 ± 1.00 ops/us / REENTRANT_READ_WRITE_LOCK 10.0 ± 1.00 ops/us"));
    }

    private static void assertCheck(Map<String, PrimitiveTargets.Check> checks, String prefix, double value, boolean met) {
        assertThat(checks.values()).filteredOn(c -> c.target().startsWith(prefix)).singleElement().satisfies(c -> {
            assertThat(c.value()).isCloseTo(value, within(1e-9));
            assertThat(c.met()).as(c.target()).isEqualTo(met);
        });
    }

    @Test
    void checksTheReadersCostPerProducerCpuSecondWhereTheRunCountedIt() {
        // Alone: 20 appends in 400 ns of CPU (0.05 per ns); beside the reader fewer appends per
        // wall second (10 against 20), but 12 in 300 ns of CPU: 0.04 per ns, 20% fewer.
        BenchResult alone = new BenchResult("buffer.oneProducer", "x", "buffer", "thrpt", 1,
                Map.of("impl", "LOCKOPT_RING_BUFFER"), new Metric(20, 1.0, "ops/us"), Map.of(),
                Map.of("cpuTimedAppends", new Metric(20, 1.0, "ops/us"), "cpuNanos", new Metric(400, 1.0, "ops/us")), null);
        BenchResult beside = new BenchResult("buffer.oneProducerWithRecent", "x", "buffer", "thrpt", 2,
                Map.of("impl", "LOCKOPT_RING_BUFFER"), new Metric(11, 1.0, "ops/us"),
                Map.of("appendBesideReader", new Metric(10, 1.0, "ops/us"), "recent", new Metric(1, 0.1, "ops/us")),
                Map.of("cpuTimedAppends", new Metric(12, 1.0, "ops/us"), "cpuNanos", new Metric(300, 1.0, "ops/us")), null);

        Map<String, PrimitiveTargets.Check> checks = byTarget(PrimitiveTargets.check(List.of(alone, beside)));

        assertThat(checks).hasSize(2);
        assertCheck(checks, "RingBuffer, a recent(100) reader: producer's appends down", 0.5, false);
        assertCheck(checks, "RingBuffer, a recent(100) reader: producer's appends per CPU second", 0.2, true);
        assertThat(checks.values()).filteredOn(c -> c.target().contains("per CPU second")).singleElement()
                .satisfies(c -> assertThat(c.measured()).isEqualTo(
                        "1 - 40.0 appends per producer CPU us with a snapshot reader / 50.0 alone"));
    }

    @Test
    void leavesOutWhatTheRunDidNotMeasure() {
        assertThat(PrimitiveTargets.check(RUN.subList(0, 2))).singleElement()
                .satisfies(c -> assertThat(c.target()).startsWith("MeteredReadWriteLock, statistics on, uncontended read"));
        assertThat(PrimitiveTargets.check(Fixtures.report("rwlock-old.jmh.json", 2).results())).isEmpty();
    }

    @Test
    void tableAndPageShowTheChecks() throws Exception {
        BenchReport report = BenchReport.of("a", "b", true, new Environment(2, "", "", "", 1), Map.of(), RUN);

        assertThat(ReportTable.render(report)).contains("lockopt's own targets",
                "  MISSED  MeteredReadWriteLock, statistics on, uncontended read: <= 1.2x the time of ReentrantReadWriteLock: 1.25",
                "  met     MeteredReadWriteLock, statistics on, readMostly");
        java.io.StringWriter html = new java.io.StringWriter();
        HtmlReport.write(report, html);
        assertThat(html.toString()).contains("<table class=\"targets\">", "class=\"warn\">missed");
    }
}
