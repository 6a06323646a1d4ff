package io.lockopt.cli.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Advice derived from the measured figures, each with the evidence behind it. The
 * thresholds are deliberately plain, named constants: a recommendation says which figure
 * crossed which line.
 */
final class Recommendations {
    /** At least this share of acquisitions in read-only critical sections makes a lock "read-mostly". */
    static final double READ_MOSTLY = 0.70;
    /** ... and it is worth changing only if this share of acquisitions waited ... */
    static final double CONTENDED_ENOUGH_PERCENT = 5.0;
    /** ... or if threads spent, summed, at least this share of the profile's duration waiting for it. */
    static final double WAITED_ENOUGH_SHARE = 0.10;
    /** A p99 hold this long suggests blocking work under the lock. */
    static final long LONG_HOLD_NANOS = 10_000_000L;
    /** Heavily contended with short holds: the lock itself is the bottleneck. */
    static final double HOT_PERCENT = 20.0;
    static final long SHORT_HOLD_NANOS = 1_000_000L;
    /** A read/write lock whose writes are at least this share pays for nothing. */
    static final double WRITE_HEAVY = 0.50;

    private Recommendations() {
    }

    static List<ProfileReport.Recommendation> derive(List<ProfileReport.LockRow> locks, ProfileReport.LockOrder order,
            long sessionNanos) {
        List<ProfileReport.Recommendation> advice = new ArrayList<>();
        for (ProfileReport.Cycle cycle : order.cycles()) {
            advice.add(cycle(cycle));
        }
        for (ProfileReport.LockRow lock : locks) {
            readWrite(lock, advice, sessionNanos);
            writeHeavy(lock, advice);
            longHold(lock, advice);
            hot(lock, advice);
        }
        return advice;
    }

    private static ProfileReport.Recommendation cycle(ProfileReport.Cycle cycle) {
        List<String> evidence = new ArrayList<>();
        for (ProfileReport.Edge edge : cycle.edges()) {
            evidence.add(edge.from() + " -> " + edge.to() + " (" + edge.count() + "x, first at "
                    + (edge.site() == null ? "?" : edge.site()) + " by thread " + edge.thread() + ")");
        }
        return new ProfileReport.Recommendation("lock-order-cycle", String.join(" / ", cycle.locks()),
                "locks " + String.join(", ", cycle.locks()) + " are taken in circular order: a potential deadlock"
                        + " even though none happened; take them in one global order",
                evidence);
    }

    private static boolean exclusive(ProfileReport.LockRow lock) {
        return !lock.kind().equals("ReentrantReadWriteLock") && !lock.kind().equals("StampedLock")
                && lock.reads() == 0 && lock.writes() == 0;
    }

    private static void readWrite(ProfileReport.LockRow lock, List<ProfileReport.Recommendation> advice,
            long sessionNanos) {
        Double readOnly = lock.readOnlySectionShare();
        boolean waitedEnough = lock.contendedPercent() >= CONTENDED_ENOUGH_PERCENT
                || (sessionNanos > 0 && lock.waitTime().totalNanos() >= WAITED_ENOUGH_SHARE * sessionNanos);
        if (!exclusive(lock) || readOnly == null || readOnly < READ_MOSTLY || !waitedEnough) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(percent(readOnly) + " of acquisitions are in critical sections that only read"
                + " (no field or array stores, no put/add/remove/set-style calls)");
        evidence.add(percent(lock.contendedPercent() / 100) + " of " + lock.acquisitions() + " acquisitions waited, "
                + millis(lock.waitTime().totalNanos()) + " in total (p99 wait " + millis(lock.waitTime().p99Nanos())
                + ") over a " + millis(sessionNanos) + " profile");
        for (ProfileReport.SiteRow site : lock.sites()) {
            if (Boolean.TRUE.equals(site.readOnlySection())) {
                evidence.add("read-only section at " + site.site() + " (" + site.holds() + " acquisitions)");
            }
        }
        advice.add(new ProfileReport.Recommendation("read-write-lock", lock.label(),
                percent(readOnly) + " of acquisitions are reads and " + percent(lock.contendedPercent() / 100)
                        + " waited (" + millis(lock.waitTime().totalNanos()) + " in total): a read/write lock or"
                        + " StampedLock would let readers proceed together",
                evidence));
    }

    private static void writeHeavy(ProfileReport.LockRow lock, List<ProfileReport.Recommendation> advice) {
        if (!(lock.kind().equals("ReentrantReadWriteLock") || lock.kind().startsWith("lockopt ")) || lock.readShare() == null
                || 1 - lock.readShare() < WRITE_HEAVY || lock.acquisitions() < 100) {
            return;
        }
        advice.add(new ProfileReport.Recommendation("plain-lock", lock.label(),
                percent(1 - lock.readShare()) + " of acquisitions are writes: a read/write lock costs more than"
                        + " a ReentrantLock and lets few readers share",
                List.of(lock.reads() + " reads, " + lock.writes() + " writes")));
    }

    private static void longHold(ProfileReport.LockRow lock, List<ProfileReport.Recommendation> advice) {
        if (lock.holdTime().p99Nanos() < LONG_HOLD_NANOS || lock.contended() == 0) {
            return;
        }
        ProfileReport.SiteRow longest = lock.sites().stream()
                .max((a, b) -> Long.compare(a.maxHoldNanos(), b.maxHoldNanos())).orElse(null);
        String where = longest == null ? "" : " at " + longest.site();
        List<String> evidence = new ArrayList<>();
        evidence.add("hold p50 " + millis(lock.holdTime().p50Nanos()) + ", p99 " + millis(lock.holdTime().p99Nanos())
                + ", max " + millis(lock.holdTime().maxNanos()));
        if (longest != null) {
            evidence.add("longest hold " + millis(longest.maxHoldNanos()) + where);
        }
        evidence.add(lock.contended() + " acquisitions waited " + millis(lock.waitTime().totalNanos()) + " in total");
        advice.add(new ProfileReport.Recommendation("long-hold", lock.label(),
                "p99 hold " + millis(lock.holdTime().p99Nanos()) + where
                        + ": look for blocking work (I/O, sleeps, calls out) under the lock",
                evidence));
    }

    private static void hot(ProfileReport.LockRow lock, List<ProfileReport.Recommendation> advice) {
        if (lock.contendedPercent() < HOT_PERCENT || lock.holdTime().p99Nanos() >= SHORT_HOLD_NANOS
                || lock.acquisitions() < 100) {
            return;
        }
        advice.add(new ProfileReport.Recommendation("hot-lock", lock.label(),
                percent(lock.contendedPercent() / 100) + " of acquisitions waited although holds are short (p99 "
                        + micros(lock.holdTime().p99Nanos()) + "): split the lock (per key or stripe) or use a"
                        + " lock-free structure",
                List.of(lock.contended() + " of " + lock.acquisitions() + " acquisitions waited, "
                        + millis(lock.waitTime().totalNanos()) + " in total")));
    }

    /**
     * "97%"; small shares keep their first significant digits ("0.02%") rather than read "0%",
     * and a share short of all ("99.6%") never reads "100%".
     */
    static String percent(double share) {
        double value = share * 100;
        if (value > 0 && value < 1) {
            return String.format(Locale.ROOT, "%.2g%%", value);
        }
        if (value < 100 && value >= 99.5) {
            return String.format(Locale.ROOT, "%.1f%%", Math.min(value, 99.9));
        }
        return String.format(Locale.ROOT, "%.0f%%", value);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
}
