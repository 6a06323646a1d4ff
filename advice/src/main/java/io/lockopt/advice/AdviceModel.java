package io.lockopt.advice;

import static io.lockopt.advice.Figures.nanos;
import static io.lockopt.advice.Figures.percent;
import static io.lockopt.advice.Figures.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one recommendation model behind {@code lockopt profile} and {@code lockopt analyze
 * --profile}: measured figures and static findings of a lock in, one {@link Advice} out.
 *
 * <p>How it decides (docs/advice.md has the long form). Static findings of blocking or alien
 * calls under the lock, or a p99 hold of {@value #LONG_HOLD_NANOS} ns or more with real waiting,
 * mean the section is too long: shorten it. A counter-only section becomes an atomic. A lock
 * whose acquisitions are at least {@value #READ_MOSTLY} reads is priced under each read-sharing
 * strategy with the {@link Calibration}: the calibrated cost of one operation at this lock's
 * median hold and the machine's thread count, now and after, applied to what one acquisition
 * costs the program as a whole (machine time over acquisitions, so a lock that is a small part
 * of the work gains little: Amdahl's law). The best strategy is recommended if it gains at
 * least {@value #WORTH_GAIN}x or the lock is waited on for {@value #WAIT_WORTH} of the machine's
 * thread time; otherwise: leave it. The calibration decides whether a read/write lock or an
 * optimistic read wins, so a user's own calibration changes the advice.
 *
 * <p>Immutable; one instance serves any number of locks.
 */
public final class AdviceModel {
    /** Below this many acquisitions a profile says nothing about a lock. */
    static final long MIN_ACQUISITIONS = 100;
    /** Fewer acquisitions than this make any advice low-confidence. */
    static final long FEW_ACQUISITIONS = 10_000;
    /** At least this share of acquisitions only read: a read-mostly lock. */
    static final double READ_MOSTLY = 0.70;
    /** A change must predict at least this throughput ratio to be worth recommending... */
    static final double WORTH_GAIN = 1.05;
    /** ... unless threads spend this share of the machine's thread time waiting for the lock. */
    static final double WAIT_WORTH = 0.05;
    /** A p99 hold this long is work that belongs outside the lock (I/O, sleeps, calls out). */
    static final long LONG_HOLD_NANOS = 1_000_000L;
    /** A read/write lock with at least this share of writes pays for sharing it cannot use. */
    static final double WRITE_HEAVY = 0.50;
    /** This share of acquisitions waiting, with short holds: the lock itself is the bottleneck. */
    static final double HOT_CONTENDED = 0.20;
    /** An optimistic read costing at most this many times a read/write lock's cost ties, and wins. */
    static final double TIE_MARGIN = 1.10;
    /** A change never predicts more than this (the lock would have been all of the work). */
    private static final double MAX_GAIN = 10.0;

    static final Set<String> LONG_SECTION_RULES = Set.of("BlockingCallUnderLock", "AlienCallUnderLock");
    static final Set<String> COUNTER_RULES = Set.of("CounterUnderLock");
    static final String READ_MOSTLY_RULE = "ReadMostlyExclusiveLock";

    private final Calibration calibration;

    /** The model with the calibration shipped in the tool. */
    public static AdviceModel bundled() {
        return new AdviceModel(Calibration.bundled());
    }

    public AdviceModel(Calibration calibration) {
        this.calibration = calibration;
    }

    public Calibration calibration() {
        return calibration;
    }

    public Advice advise(LockEvidence lock) {
        List<String> evidence = baseEvidence(lock);
        if (lock.acquisitions() < MIN_ACQUISITIONS) {
            return new Advice(Advice.Action.LEAVE_IT, lock.label(), "only " + lock.acquisitions()
                    + " acquisitions in " + seconds(lock.activeNanos()) + ": it costs nothing worth changing",
                    evidence, new Advice.Gain(1, 1, "nothing to gain"), confidence(lock, false, evidence));
        }
        int threads = calibration.nearestThreads(lock.cpus());
        double hold = Math.max(1, lock.holdP50Nanos());
        Strategy now = lock.readersShare() ? Strategy.READ_WRITE : Strategy.EXCLUSIVE;
        double writeShare = lock.readShare() == null ? 1 : 1 - lock.readShare();

        if (!java.util.Collections.disjoint(lock.staticRules(), COUNTER_RULES)) {
            double gain = gain(lock, calibration.costNanos(now, hold, threads)
                    - calibration.costNanos(Strategy.COPY_ON_WRITE, hold, threads));
            return new Advice(Advice.Action.ATOMIC_OR_LONG_ADDER, lock.label(), "the sections only update a counter"
                    + " (CounterUnderLock): an AtomicLong or LongAdder needs no lock; predicted "
                    + ratio(gain) + " for its users", evidence, new Advice.Gain(gain, gain,
                            "the lock's calibrated cost at a " + nanos(hold) + " hold replaced by a lock-free read"),
                    confidence(lock, true, evidence));
        }
        boolean staticLong = !java.util.Collections.disjoint(lock.staticRules(), LONG_SECTION_RULES);
        boolean longHolds = lock.holdP99Nanos() >= LONG_HOLD_NANOS && lock.waitShare() >= WAIT_WORTH;
        boolean readMostly = lock.readShare() != null && lock.readShare() >= READ_MOSTLY;
        // Blocking calls inside are the first thing to fix whatever the lock; long holds of
        // read-mostly sections are what a read/write lock is for, so those are priced first.
        if (staticLong || (longHolds && !readMostly)) {
            double bound = waitRemoved(lock);
            return new Advice(Advice.Action.SHORTEN_CRITICAL_SECTION, lock.label(), "p99 hold "
                    + nanos(lock.holdP99Nanos()) + (staticLong ? " with blocking or alien calls inside ("
                            + String.join(", ", intersect(lock.staticRules(), LONG_SECTION_RULES)) + ")" : "")
                    + ": move that work out of the section; waits are " + percent(lock.waitShare())
                    + " of thread time, so at most " + ratio(bound), evidence,
                    new Advice.Gain(bound, bound, "upper bound: every measured wait removed"),
                    confidence(lock, staticLong, evidence));
        }
        if (readMostly) {
            return readMostly(lock, threads, hold, now, writeShare, evidence);
        }
        if (lock.readersShare() && writeShare >= WRITE_HEAVY) {
            double gain = gain(lock, calibration.costNanos(Strategy.READ_WRITE, hold, threads)
                    - calibration.costNanos(Strategy.EXCLUSIVE, hold, threads));
            return new Advice(Advice.Action.PLAIN_LOCK, lock.label(), percent(writeShare) + " of acquisitions write:"
                    + " a read/write lock costs more than an exclusive lock and few readers share it; predicted "
                    + ratio(gain), evidence, new Advice.Gain(gain, gain, calibrationBasis(hold, threads)),
                    confidence(lock, false, evidence));
        }
        if (lock.contendedShare() >= HOT_CONTENDED || lock.waitShare() >= WAIT_WORTH) {
            double bound = waitRemoved(lock);
            if (lock.keyPartitioned()) {
                return new Advice(Advice.Action.STRIPE_BY_KEY, lock.label(), percent(lock.contendedShare())
                        + " of acquisitions waited over independent keys: one lock per key (or stripe) lets"
                        + " them proceed apart; at most " + ratio(bound), evidence,
                        new Advice.Gain(bound, bound, "upper bound: every measured wait removed"),
                        confidence(lock, false, evidence));
            }
            return new Advice(Advice.Action.SHORTEN_CRITICAL_SECTION, lock.label(), percent(lock.contendedShare())
                    + " of acquisitions waited (" + percent(lock.waitShare()) + " of thread time) and writes are "
                    + percent(writeShare) + ": do less under the lock, or split the state by key; at most "
                    + ratio(bound), evidence, new Advice.Gain(bound, bound, "upper bound: every measured wait removed"),
                    confidence(lock, false, evidence));
        }
        return new Advice(Advice.Action.LEAVE_IT, lock.label(), "waits are " + percent(lock.waitShare())
                + " of thread time and " + percent(lock.contendedShare()) + " of acquisitions waited: leave it",
                evidence, new Advice.Gain(1, 1, "nothing to gain"), confidence(lock, false, evidence));
    }

    private Advice readMostly(LockEvidence lock, int threads, double hold, Strategy now, double writeShare,
            List<String> evidence) {
        double costNow = calibration.costNanos(now, hold, threads);
        Strategy best = null;
        double bestGain = 0;
        List<String> priced = new ArrayList<>();
        for (Strategy candidate : List.of(Strategy.READ_WRITE, Strategy.OPTIMISTIC, Strategy.COPY_ON_WRITE)) {
            if (candidate == now) {
                continue;
            }
            double cost = calibration.costNanos(candidate, hold, threads);
            double gain = sharedGain(lock, costNow - cost, threads);
            priced.add(candidate.description() + " " + nanos(cost) + "/op (" + ratio(gain) + ")");
            if (gain > bestGain) {
                best = candidate;
                bestGain = gain;
            }
        }
        // A read/write lock's every read writes its shared reader count; an optimistic read writes
        // nothing. Within the calibration's noise (docs/advice.md: ±10% per point on a shared
        // machine) the one that scales wins the tie.
        double optimisticCost = calibration.costNanos(Strategy.OPTIMISTIC, hold, threads);
        if (best == Strategy.READ_WRITE
                && optimisticCost <= calibration.costNanos(Strategy.READ_WRITE, hold, threads) * TIE_MARGIN) {
            best = Strategy.OPTIMISTIC;
            bestGain = sharedGain(lock, costNow - optimisticCost, threads);
        }
        evidence.add("calibrated cost at a " + nanos(hold) + " hold and " + threads + " threads: "
                + now.description() + " " + nanos(costNow) + "/op; " + String.join("; ", priced));
        Double rwFrom = calibration.crossoverNanos(Strategy.READ_WRITE, Strategy.EXCLUSIVE, threads);
        evidence.add("a read/write lock beats an exclusive lock " + (rwFrom == null ? "at no measured hold"
                : rwFrom == 0 ? "at every measured hold" : "from holds of " + nanos(rwFrom)) + " on this calibration ("
                + calibration.machine() + ")");
        double writersGain = writeShare < 0.10 ? 1.0 : bestGain;
        Advice.Gain gain = new Advice.Gain(bestGain, writersGain, "cost per acquisition now "
                + nanos(lock.machineNanosPerAcquisition()) + " of machine time, minus the calibrated saving per"
                + " operation" + (writersGain == 1.0 ? "; writes (" + percent(writeShare)
                        + ") keep an exclusive path" : ""));
        // Waits alone justify a change away from an exclusive lock (readers queue behind readers);
        // a lock that already shares its readers must earn the switch in throughput.
        boolean waitsJustify = now == Strategy.EXCLUSIVE && lock.waitShare() >= WAIT_WORTH;
        if (best == null || (bestGain < WORTH_GAIN && !waitsJustify)) {
            return new Advice(Advice.Action.LEAVE_IT, lock.label(), percent(lock.readShare()) + " reads, but at a "
                    + nanos(hold) + " median hold no read-sharing strategy gains " + ratio(WORTH_GAIN)
                    + " (best: " + (best == null ? "none" : best.description() + " " + ratio(bestGain)) + "): leave it",
                    evidence, new Advice.Gain(1, 1, "no strategy predicted to gain"), confidence(lock, false, evidence));
        }
        boolean confirmed = lock.staticRules().contains(READ_MOSTLY_RULE);
        Advice.Action action = best == Strategy.READ_WRITE ? Advice.Action.READ_WRITE_LOCK
                : Advice.Action.OPTIMISTIC_READ_OR_SNAPSHOT;
        String why;
        if (best == Strategy.READ_WRITE) {
            why = "holds of " + nanos(hold) + " are long enough for readers to overlap";
        } else if (rwFrom == null || hold < rwFrom) {
            why = "holds of " + nanos(hold) + " are too short for a read/write lock to pay"
                    + (rwFrom == null ? "" : " (it wins from " + nanos(rwFrom) + ")");
        } else {
            why = "at holds of " + nanos(hold) + " a read/write lock costs within " + percent(TIE_MARGIN - 1)
                    + " of an optimistic read, and its every read writes shared state";
        }
        return new Advice(action, lock.label(), percent(lock.readShare()) + " reads and " + why + ": use "
                + (best == Strategy.READ_WRITE ? "a read/write lock" : "an optimistic StampedLock read or an immutable"
                        + " snapshot (" + best.description() + " priced best)")
                + "; predicted readers " + ratio(bestGain) + ", writers " + ratio(writersGain),
                evidence, gain, confidence(lock, confirmed, evidence));
    }

    /**
     * Throughput ratio when each acquisition saves {@code savedNanos} of thread time: the
     * acquisition's share of machine time shrinks, the rest of the work stays (Amdahl).
     */
    private static double gain(LockEvidence lock, double savedNanos) {
        double per = lock.machineNanosPerAcquisition();
        if (!Double.isFinite(per) || per <= 0) {
            return 1;
        }
        return Math.min(MAX_GAIN, per / Math.max(per - savedNanos, per / MAX_GAIN));
    }

    /**
     * {@link #gain} for readers that share the lock: however little of the work the lock seems
     * to be, readers that overlap run at most {@code threads} (the calibrated count nearest the
     * CPUs) at a time. Matters when threads outnumber the CPUs and wait most of the time, so that
     * the machine time per acquisition understates what a serialized section costs.
     */
    private static double sharedGain(LockEvidence lock, double savedNanos, int threads) {
        return Math.min(threads, gain(lock, savedNanos));
    }

    /** The throughput if no thread waited: 1 / (1 - wait share), the share capped at 90%. */
    private static double waitRemoved(LockEvidence lock) {
        return 1 / (1 - Math.min(0.9, lock.waitShare()));
    }

    private List<String> baseEvidence(LockEvidence lock) {
        List<String> lines = new ArrayList<>();
        lines.add(lock.acquisitions() + " acquisitions (" + String.format(Locale.ROOT, "%,.0f", lock.acquisitionsPerSecond())
                + "/s over " + seconds(lock.activeNanos()) + "), " + percent(lock.contendedShare()) + " waited; wait total "
                + nanos(lock.waitTotalNanos()) + " (p99 " + nanos(lock.waitP99Nanos()) + ") = " + percent(lock.waitShare())
                + " of the time of " + lock.cpus() + " CPUs");
        lines.add("hold p50 " + nanos(lock.holdP50Nanos()) + ", p99 " + nanos(lock.holdP99Nanos()) + "; "
                + nanos(lock.machineNanosPerAcquisition()) + " of machine time per acquisition");
        if (lock.readShare() != null) {
            lines.add(percent(lock.readShare()) + " of acquisitions read (" + lock.readShareBasis() + ")");
        }
        if (!lock.staticRules().isEmpty()) {
            lines.add("static findings on it: " + String.join(", ", new java.util.TreeSet<>(lock.staticRules())));
        }
        return lines;
    }

    private String calibrationBasis(double hold, int threads) {
        return "calibrated cost per operation at a " + nanos(hold) + " hold and " + threads + " threads";
    }

    private Advice.Confidence confidence(LockEvidence lock, boolean staticAgrees, List<String> evidence) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (lock.acquisitions() >= 100_000) {
            score++;
            reasons.add(lock.acquisitions() + " acquisitions measured");
        } else if (lock.acquisitions() < FEW_ACQUISITIONS) {
            score -= 2;
            reasons.add("only " + lock.acquisitions() + " acquisitions");
        }
        double[] range = calibration.holdRange(lock.cpus());
        if (lock.holdP50Nanos() < range[0] / 4 || lock.holdP50Nanos() > range[1] * 4) {
            score--;
            reasons.add("median hold " + nanos(lock.holdP50Nanos()) + " outside the calibrated " + nanos(range[0])
                    + "-" + nanos(range[1]));
        }
        if (calibration.nearestThreads(lock.cpus()) != lock.cpus()) {
            score--;
            reasons.add("calibrated at " + calibration.nearestThreads(lock.cpus()) + " threads, not " + lock.cpus());
        }
        if (staticAgrees) {
            score++;
            reasons.add("the static analysis agrees");
        }
        String level = score >= 2 ? "high" : score >= 0 ? "medium" : "low";
        return new Advice.Confidence(level, String.join("; ", reasons));
    }

    private static List<String> intersect(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).sorted().toList();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
