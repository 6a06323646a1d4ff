package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The performance targets set for lockopt's own primitives, checked against one run's results
 * as ratios (so the machine's speed cancels out). A target whose inputs were not measured in
 * the run is left out.
 *
 * <ul>
 * <li>Uncontended read acquire + release of {@code MeteredReadWriteLock}: at most 1.5x the time
 *     of a raw {@code ReentrantReadWriteLock} with statistics on, 1.1x with statistics off
 *     ({@code rwlock.read}, 1 thread).</li>
 * <li>Ring buffer, two producers: at least 2x the appends of {@code ArrayBlockingQueue}, and
 *     JCTools' {@code MpmcArrayQueue} at most 2x the ring buffer ({@code buffer.append},
 *     2 threads).</li>
 * <li>{@code recent(100)} snapshots beside a producer cut its appends by at most 20%
 *     ({@code buffer.oneProducerWithRecent} against {@code buffer.oneProducer}).</li>
 * </ul>
 */
public final class PrimitiveTargets {

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

    private PrimitiveTargets() {
    }

    public static List<Check> check(List<BenchResult> results) {
        List<Check> checks = new ArrayList<>();
        Optional<BenchResult> rrwl = find(results, "rwlock.read", 1, "REENTRANT_READ_WRITE_LOCK");
        rrwl.ifPresent(raw -> {
            find(results, "rwlock.read", 1, "LOCKOPT").ifPresent(metered -> checks.add(timeRatio(
                    "uncontended read, statistics on: <= 1.5x the time of ReentrantReadWriteLock", metered, raw, 1.5)));
            find(results, "rwlock.read", 1, "LOCKOPT_NO_STATS").ifPresent(plain -> checks.add(timeRatio(
                    "uncontended read, statistics off: <= 1.1x the time of ReentrantReadWriteLock", plain, raw, 1.1)));
        });
        Optional<BenchResult> ring = find(results, "buffer.append", 2, "LOCKOPT_RING_BUFFER");
        ring.ifPresent(r -> {
            find(results, "buffer.append", 2, "ARRAY_BLOCKING_QUEUE").ifPresent(abq -> checks.add(new Check(
                    "ring buffer, 2 producers: >= 2x the appends of ArrayBlockingQueue",
                    "ring " + score(r) + " / ArrayBlockingQueue " + score(abq),
                    r.score().score() / abq.score().score(), 2.0, false)));
            find(results, "buffer.append", 2, "JCTOOLS_MPMC_QUEUE").ifPresent(mpmc -> checks.add(new Check(
                    "ring buffer, 2 producers: within 2x of JCTools MpmcArrayQueue",
                    "MpmcArrayQueue " + score(mpmc) + " / ring " + score(r),
                    mpmc.score().score() / r.score().score(), 2.0, true)));
        });
        Optional<BenchResult> alone = find(results, "buffer.oneProducer", 0, "LOCKOPT_RING_BUFFER");
        Optional<BenchResult> beside = find(results, "buffer.oneProducerWithRecent", 0, "LOCKOPT_RING_BUFFER");
        if (alone.isPresent() && beside.isPresent() && beside.get().roles().containsKey("appendBesideReader")) {
            Metric withReader = beside.get().roles().get("appendBesideReader");
            checks.add(new Check("recent(100) during appends: append throughput down by <= 20%",
                    "1 - " + score(withReader) + " with a snapshot reader / " + score(alone.get()) + " alone",
                    1 - withReader.score() / alone.get().score().score(), 0.20, true));
        }
        return checks;
    }

    /** How many times longer {@code subject} takes per operation than {@code reference}. */
    private static Check timeRatio(String target, BenchResult subject, BenchResult reference, double limit) {
        return new Check(target, "ReentrantReadWriteLock " + score(reference) + " / " + subject.variant() + " "
                + score(subject), reference.score().score() / subject.score().score(), limit, true);
    }

    private static String score(BenchResult r) {
        return score(r.score());
    }

    private static String score(Metric m) {
        return ReportTable.scoreText(m) + " " + m.unit();
    }

    /** The result of {@code benchmark} for {@code variant} with default parameters; threads 0: any. */
    private static Optional<BenchResult> find(List<BenchResult> results, String benchmark, int threads, String variant) {
        Predicate<BenchResult> defaults = r -> r.params().entrySet().stream()
                .allMatch(p -> !p.getKey().equals("work") || p.getValue().equals("0"));
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.variant().equals(variant))
                .filter(r -> threads == 0 || r.threads() == threads)
                .filter(defaults)
                .findFirst();
    }
}
