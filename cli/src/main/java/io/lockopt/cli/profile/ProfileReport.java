package io.lockopt.cli.profile;

import java.util.List;

/**
 * The report of one profile, as printed, written to {@code --json} (field names are the
 * JSON schema, see docs/profile.md) and rendered to {@code --html}. Durations are in
 * nanoseconds. Built by {@link ProfileReportBuilder}; immutable.
 */
public record ProfileReport(
        String schema,
        Target target,
        Session session,
        List<LockRow> locks,
        LockOrder lockOrder,
        List<Recommendation> recommendations) {

    public static final String SCHEMA = "lockopt-profile/1";

    public ProfileReport {
        locks = List.copyOf(locks);
        recommendations = List.copyOf(recommendations);
    }

    /** The profiled JVM. */
    public record Target(long pid, String mainClass, String javaVersion) {
    }

    /**
     * The session and the agent's own health figures. {@code attachNanos} runs from the start
     * of the attach (launch mode: of the launch) until the agent reported ready, and
     * {@code timeToFirstDataNanos} until the client read the first snapshot in which a lock had
     * been acquired; null when not measured (or no data came). {@code synchronizedMethodWaits}
     * says how the waits of {@code synchronized} methods were measured: null when none was
     * instrumented, {@code jfr}, {@code starting} (JFR had not started yet), {@code off}
     * (no {@code --jfr}) or {@code unavailable: <reason>}; {@code synchronizedMethodWaitsFromNanos}
     * is when JFR began to measure them, from the session's start (null: it did not).
     */
    public record Session(String startedAt, long durationNanos, String endReason, int classesInstrumented,
            int callSites, long untrackedLocks, long unmatchedReleases, long recorderErrors, long transformErrors,
            Long attachNanos, Long timeToFirstDataNanos, String synchronizedMethodWaits,
            Long synchronizedMethodWaitsFromNanos) {
    }

    /** Percentiles of a distribution of durations; all zero when nothing was recorded. */
    public record Distribution(long count, long totalNanos, long p50Nanos, long p90Nanos, long p99Nanos,
            long maxNanos) {
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);
    }

    /**
     * One lock instance (a read/write lock counts once, both sides together), ranked by total
     * wait. {@code readShare} is reads / acquisitions for read/write and stamped locks;
     * {@code readOnlySectionShare} is, for any lock, the share of acquisitions made at call
     * sites whose critical section looks read-only (null when no site could be classified).
     */
    public record LockRow(int rank, int id, String label, String labelSource, String kind, String instance,
            long acquisitions, long contended, double contendedPercent, long reads, long writes, Double readShare,
            Double readOnlySectionShare, Distribution waitTime, Distribution holdTime, List<SiteRow> topWaitSites,
            List<ThreadRow> threads, List<SiteRow> sites, List<ThreadRow> holders) {
        public LockRow {
            topWaitSites = List.copyOf(topWaitSites);
            threads = List.copyOf(threads);
            sites = List.copyOf(sites);
            holders = List.copyOf(holders);
        }
    }

    /**
     * A call site: where it is, what it does, how long the waits there were, and whether the
     * critical section it opens looks read-only (with the first write seen otherwise).
     */
    public record SiteRow(String site, String operation, long waits, long totalWaitNanos, long maxWaitNanos,
            long holds, long totalHoldNanos, long maxHoldNanos, Boolean readOnlySection, String writeEvidence) {
    }

    /** A thread that waited for a lock. */
    public record ThreadRow(String name, long waits, long totalWaitNanos, long maxWaitNanos) {
    }

    /** The runtime lock-order graph and its cycles. */
    public record LockOrder(List<Edge> edges, List<Cycle> cycles) {
        public LockOrder {
            edges = List.copyOf(edges);
            cycles = List.copyOf(cycles);
        }
    }

    /** Some thread acquired {@code to} while holding {@code from}, first at {@code site} by {@code thread}. */
    public record Edge(int fromId, String from, int toId, String to, long count, String site, String thread) {
    }

    /** Locks taken in a circular order: a potential deadlock even if none happened. */
    public record Cycle(List<String> locks, List<Edge> edges) {
        public Cycle {
            locks = List.copyOf(locks);
            edges = List.copyOf(edges);
        }
    }

    /** Advice with the figures behind it. */
    public record Recommendation(String kind, String lock, String message, List<String> evidence) {
        public Recommendation {
            evidence = List.copyOf(evidence);
        }
    }
}
