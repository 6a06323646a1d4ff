package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The performance targets of lockopt's own primitives (issue 13), checked against one run's
 * results as ratios to a named baseline measured in the same run, so the machine's speed
 * cancels out. A target whose inputs the run did not measure is left out; a target of a
 * symmetric benchmark is checked once per thread count the run measured.
 *
 * <ul>
 * <li>{@code MeteredReadWriteLock} with statistics on ({@code LOCKOPT}): readers and writer of
 *     {@code rwlock.writerReaders} each at least 0.8x {@code ReentrantReadWriteLock}'s,
 *     {@code rwlock.readMostly} at least 0.8x, the uncontended {@code rwlock.read} at most 1.2x
 *     its time. With statistics off ({@code LOCKOPT_NO_STATS}): at least 0.95x everywhere.</li>
 * <li>{@code optimisticRead} ({@code LOCKOPT_OPTIMISTIC}, the lambda form: the benchmark's section
 *     computes a long, so {@code optimisticReadLong}) and the
 *     stamp pair {@code tryOptimisticRead}/{@code validate} ({@code LOCKOPT_OPTIMISTIC_STAMP}):
 *     each at least 0.7x raw {@code StampedLock} optimistic reads in {@code rwlock.read} and
 *     {@code rwlock.readMostly}.</li>
 * <li>{@code RingBuffer}, two producers ({@code buffer.append}): at least 1.5x
 *     {@code ArrayBlockingQueue} and 1.0x JCTools' {@code MpmcArrayQueue}; a {@code recent(100)}
 *     reader costs the producer at most 25% of its appends ({@code buffer.oneProducerWithRecent}
 *     against {@code buffer.oneProducer}), checked per wall-clock second and, where the run has
 *     the producer's CPU-time counters, per second of the producer's own CPU time (on a shared
 *     machine the reader's thread also takes CPU away from the producer: that is the
 *     scheduler's cost, not the snapshots').</li>
 * <li>{@code KeyedLocks} ({@code keyed.update}): at least 0.9x Guava's {@code Striped}.</li>
 * </ul>
 */
public final class PrimitiveTargets {

    private static final String RRWL = "REENTRANT_READ_WRITE_LOCK";

    /**
     * One checked target.
     *
     * @param target   what was promised
     * @param measured how the value was computed, with the inputs
     * @param value    the measured ratio or share
     * @param limit    the promised bound
     * @param atMost   whether {@code value} must stay at or below {@code limit} (else at or above)
     */
    public record Check(String target, String measured, double value, double limit, boolean atMost) {
        public boolean met() {
            return atMost ? value <= limit : value >= limit;
        }
    }

    /**
     * A target comparing one variant's score (or one role's) with a baseline variant's in the
     * same benchmark at the same thread count.
     *
     * @param label    how the table names it
     * @param role     a role of an asymmetric group, or null for the whole score
     * @param timeOf   true: compare times per operation (baseline score / subject score), at most
     *                 {@code limit}; false: compare throughput (subject / baseline), at least
     */
    private record Ratio(String label, String benchmark, String subject, String baseline, String role,
            double limit, boolean timeOf) {
    }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("MeteredReadWriteLock, statistics on, uncontended read: <= 1.2x the time of ReentrantReadWriteLock",
                    "rwlock.read", "LOCKOPT", RRWL, null, 1.2, true),
            new Ratio("MeteredReadWriteLock, statistics on, writerReaders readers: >= 0.8x ReentrantReadWriteLock",
                    "rwlock.writerReaders", "LOCKOPT", RRWL, "reader", 0.8, false),
            new Ratio("MeteredReadWriteLock, statistics on, writerReaders writer: >= 0.8x ReentrantReadWriteLock",
                    "rwlock.writerReaders", "LOCKOPT", RRWL, "writer", 0.8, false),
            new Ratio("MeteredReadWriteLock, statistics on, readMostly: >= 0.8x ReentrantReadWriteLock",
                    "rwlock.readMostly", "LOCKOPT", RRWL, null, 0.8, false),
            new Ratio("MeteredReadWriteLock, statistics off, read: >= 0.95x ReentrantReadWriteLock",
                    "rwlock.read", "LOCKOPT_NO_STATS", RRWL, null, 0.95, false),
            new Ratio("MeteredReadWriteLock, statistics off, writerReaders readers: >= 0.95x ReentrantReadWriteLock",
                    "rwlock.writerReaders", "LOCKOPT_NO_STATS", RRWL, "reader", 0.95, false),
            new Ratio("MeteredReadWriteLock, statistics off, writerReaders writer: >= 0.95x ReentrantReadWriteLock",
                    "rwlock.writerReaders", "LOCKOPT_NO_STATS", RRWL, "writer", 0.95, false),
            new Ratio("MeteredReadWriteLock, statistics off, readMostly: >= 0.95x ReentrantReadWriteLock",
                    "rwlock.readMostly", "LOCKOPT_NO_STATS", RRWL, null, 0.95, false),
            new Ratio("optimisticRead, read: >= 0.7x raw StampedLock optimistic reads",
                    "rwlock.read", "LOCKOPT_OPTIMISTIC", "STAMPED_LOCK_OPTIMISTIC", null, 0.7, false),
            new Ratio("optimisticRead, readMostly: >= 0.7x raw StampedLock optimistic reads",
                    "rwlock.readMostly", "LOCKOPT_OPTIMISTIC", "STAMPED_LOCK_OPTIMISTIC", null, 0.7, false),
            new Ratio("tryOptimisticRead/validate, read: >= 0.7x raw StampedLock optimistic reads",
                    "rwlock.read", "LOCKOPT_OPTIMISTIC_STAMP", "STAMPED_LOCK_OPTIMISTIC", null, 0.7, false),
            new Ratio("tryOptimisticRead/validate, readMostly: >= 0.7x raw StampedLock optimistic reads",
                    "rwlock.readMostly", "LOCKOPT_OPTIMISTIC_STAMP", "STAMPED_LOCK_OPTIMISTIC", null, 0.7, false),
            new Ratio("RingBuffer, 2 producers: >= 1.5x ArrayBlockingQueue",
                    "buffer.append", "LOCKOPT_RING_BUFFER", "ARRAY_BLOCKING_QUEUE", null, 1.5, false),
            new Ratio("RingBuffer, 2 producers: >= 1.0x JCTools MpmcArrayQueue",
                    "buffer.append", "LOCKOPT_RING_BUFFER", "JCTOOLS_MPMC_QUEUE", null, 1.0, false),
            new Ratio("KeyedLocks, update: >= 0.9x Guava Striped",
                    "keyed.update", "LOCKOPT_KEYED_LOCKS", "GUAVA_STRIPED", null, 0.9, false));

    private PrimitiveTargets() {
    }

    public static List<Check> check(List<BenchResult> results) {
        List<Check> checks = new ArrayList<>();
        for (Ratio ratio : RATIOS) {
            for (BenchResult subject : matching(results, ratio.benchmark(), ratio.subject())) {
                find(results, ratio.benchmark(), subject.threads(), ratio.baseline())
                        .flatMap(baseline -> ratioCheck(ratio, subject, baseline))
                        .ifPresent(checks::add);
            }
        }
        Optional<BenchResult> alone = matching(results, "buffer.oneProducer", "LOCKOPT_RING_BUFFER").stream().findFirst();
        Optional<BenchResult> beside = matching(results, "buffer.oneProducerWithRecent", "LOCKOPT_RING_BUFFER")
                .stream().findFirst();
        if (alone.isPresent() && beside.isPresent() && beside.get().roles().containsKey("appendBesideReader")) {
            Metric withReader = beside.get().roles().get("appendBesideReader");
            checks.add(new Check("RingBuffer, a recent(100) reader: producer's appends down by <= 25%",
                    "1 - " + score(withReader) + " with a snapshot reader / " + score(alone.get().score()) + " alone",
                    1 - withReader.score() / alone.get().score().score(), 0.25, true));
            perCpuSecond(alone.get()).ifPresent(a -> perCpuSecond(beside.get()).ifPresent(b -> checks.add(new Check(
                    "RingBuffer, a recent(100) reader: producer's appends per CPU second down by <= 25%",
                    "1 - " + format(b) + " appends per producer CPU us with a snapshot reader / " + format(a) + " alone",
                    1 - b / a, 0.25, true))));
        }
        return checks;
    }

    /**
     * Appends per microsecond of the producer threads' own CPU time ({@code BufferBenchmark}'s
     * {@code cpuTimedAppends} over {@code cpuNanos}), if the run has those counters.
     */
    private static Optional<Double> perCpuSecond(BenchResult result) {
        Metric appends = result.counters().get("cpuTimedAppends");
        Metric nanos = result.counters().get("cpuNanos");
        return appends == null || nanos == null || nanos.score() <= 0
                ? Optional.empty() : Optional.of(1000 * appends.score() / nanos.score());
    }

    private static String format(double perMicrosecond) {
        return ReportTable.format(perMicrosecond);
    }

    private static Optional<Check> ratioCheck(Ratio ratio, BenchResult subject, BenchResult baseline) {
        Optional<Metric> s = metric(subject, ratio.role());
        Optional<Metric> b = metric(baseline, ratio.role());
        if (s.isEmpty() || b.isEmpty() || ratio.timeOf() && subject.threads() != 1) {
            return Optional.empty(); // the time target is about the uncontended path: 1 thread
        }
        String label = ratio.label() + (ratio.benchmark().equals("keyed.update") ? ", " + subject.threads()
                + (subject.threads() == 1 ? " thread" : " threads") : "");
        if (ratio.timeOf()) {
            return Optional.of(new Check(label, ratio.baseline() + " " + score(b.get()) + " / " + ratio.subject() + " "
                    + score(s.get()), b.get().score() / s.get().score(), ratio.limit(), true));
        }
        return Optional.of(new Check(label, ratio.subject() + " " + score(s.get()) + " / " + ratio.baseline() + " "
                + score(b.get()), s.get().score() / b.get().score(), ratio.limit(), false));
    }

    private static Optional<Metric> metric(BenchResult result, String role) {
        return role == null ? Optional.of(result.score()) : Optional.ofNullable(result.roles().get(role));
    }

    private static String score(Metric m) {
        return ReportTable.scoreText(m) + " " + m.unit();
    }

    /** Results of {@code benchmark} for {@code variant} with default parameters, in run order. */
    private static List<BenchResult> matching(List<BenchResult> results, String benchmark, String variant) {
        Predicate<BenchResult> defaults = r -> r.params().entrySet().stream()
                .allMatch(p -> !p.getKey().equals("work") || p.getValue().equals("0"));
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.variant().equals(variant))
                .filter(defaults)
                .toList();
    }

    private static Optional<BenchResult> find(List<BenchResult> results, String benchmark, int threads, String variant) {
        return matching(results, benchmark, variant).stream().filter(r -> r.threads() == threads).findFirst();
    }
}
