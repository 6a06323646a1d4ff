package io.lockopt.profile;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.lockopt.advice.Advice;

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
        List<Recommendation> recommendations,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Source> sources) {

    public static final String SCHEMA = "lockopt-profile/1";

    public ProfileReport {
        if (locks == null || recommendations == null) {
            // A report read back without a list lockopt always writes: said so in the file's words (ReportFiles).
            throw new IllegalArgumentException("'" + (locks == null ? "locks" : "recommendations") + "' is missing or null");
        }
        locks = List.copyOf(locks);
        recommendations = List.copyOf(recommendations);
        sources = sources == null ? null : List.copyOf(sources);
    }

    /** The report of one profile (no {@link #sources}). */
    public ProfileReport(String schema, Target target, Session session, List<LockRow> locks, LockOrder lockOrder,
            List<Recommendation> recommendations) {
        this(schema, target, session, locks, lockOrder, recommendations, null);
    }

    /** True for {@code lockopt profile merge}'s report of several profiles. */
    @JsonIgnore
    public boolean isMerged() {
        return sources != null;
    }

    /**
     * A profile that went into a merged report: its file, and the JVM and session it measured.
     * {@code durationNanos} of the merged session is the sum of these.
     */
    public record Source(String file, long pid, String mainClass, String javaVersion, String startedAt,
            long durationNanos, String endReason) {
    }

    /**
     * One lock instance of a merged report's row: the profile it came from (its {@link Source}'s
     * file and pid), its own instance name and figures.
     */
    public record Instance(String source, long pid, String instance, long acquisitions, long contended,
            Distribution waitTime, Distribution holdTime) {
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

    /**
     * Percentiles of a distribution of durations; all zero when nothing was recorded.
     * {@code histogram} is the whole HdrHistogram (its compressed encoding, base64; null when
     * empty), so that reports of several JVMs can be merged into true percentiles, not averages of
     * percentiles.
     */
    public record Distribution(long count, long totalNanos, long p50Nanos, long p90Nanos, long p99Nanos,
            long maxNanos, String histogram) {
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, null);

        /** The distribution of {@code histogram} ({@code null} or empty: {@link #EMPTY}), with the exact total. */
        static Distribution of(Histogram histogram, long exactTotal) {
            if (histogram == null || histogram.getTotalCount() == 0) {
                return EMPTY;
            }
            ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(encoded);
            return new Distribution(histogram.getTotalCount(), exactTotal, histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                    Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), length)));
        }

        /** The histogram decoded, or empty when none was recorded. */
        public Optional<Histogram> decodeHistogram() throws DataFormatException {
            if (histogram == null) {
                return Optional.empty();
            }
            return Optional.of(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0));
        }
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
            List<ThreadRow> threads, List<SiteRow> sites, List<ThreadRow> holders,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Instance> instances) {
        public LockRow {
            topWaitSites = List.copyOf(topWaitSites);
            threads = List.copyOf(threads);
            sites = List.copyOf(sites);
            holders = holders == null ? List.of() : List.copyOf(holders); // reports written before holders
            instances = instances == null ? null : List.copyOf(instances);
        }

        /** The same row under another label. */
        LockRow relabelled(String newLabel) {
            return new LockRow(rank, id, newLabel, labelSource, kind, instance, acquisitions, contended,
                    contendedPercent, reads, writes, readShare, readOnlySectionShare, waitTime, holdTime, topWaitSites,
                    threads, sites, holders, instances);
        }

        /** The same row at another rank. */
        LockRow ranked(int newRank) {
            return new LockRow(newRank, id, label, labelSource, kind, instance, acquisitions, contended,
                    contendedPercent, reads, writes, readShare, readOnlySectionShare, waitTime, holdTime, topWaitSites,
                    threads, sites, holders, instances);
        }
    }

    /**
     * A call site: where it is, what it does, how long the waits there were, and whether the
     * critical section it opens looks read-only (with the first write seen otherwise). For the
     * waits there, who they waited on most, where known: the holder thread ({@code heldBy}), where
     * it had taken the lock ({@code heldAt}, null: not known) and its stack while it held it
     * (innermost first, sampled; empty: none).
     */
    public record SiteRow(String site, String operation, long waits, long totalWaitNanos, long maxWaitNanos,
            long holds, long totalHoldNanos, long maxHoldNanos, Boolean readOnlySection, String writeEvidence,
            String heldBy, String heldAt, List<String> holderStack) {

        public SiteRow {
            holderStack = holderStack == null ? List.of() : List.copyOf(holderStack);
        }

        /** A site whose waits' holder is not known. */
        public SiteRow(String site, String operation, long waits, long totalWaitNanos, long maxWaitNanos, long holds,
                long totalHoldNanos, long maxHoldNanos, Boolean readOnlySection, String writeEvidence) {
            this(site, operation, waits, totalWaitNanos, maxWaitNanos, holds, totalHoldNanos, maxHoldNanos,
                    readOnlySection, writeEvidence, null, null, List.of());
        }

        /** The same site, its waits' holder said. */
        SiteRow heldBy(String thread, String at, List<String> stack) {
            return new SiteRow(site, operation, waits, totalWaitNanos, maxWaitNanos, holds, totalHoldNanos,
                    maxHoldNanos, readOnlySection, writeEvidence, thread, at, stack);
        }
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

    /**
     * Advice with the figures behind it: the advice model's action id as {@code kind} (or
     * {@code lock-order-cycle}), the predicted throughput change and confidence (null for a
     * cycle), and the static findings on the lock (with {@code --source}).
     */
    public record Recommendation(String kind, String lock, String message, List<String> evidence,
            Advice.Gain expectedGain, Advice.Confidence confidence, List<StaticFinding> staticFindings) {
        public Recommendation {
            evidence = List.copyOf(evidence);
            staticFindings = List.copyOf(staticFindings);
        }
    }

    /** A finding of {@code lockopt analyze} on the lock: rule, {@code path:line}, message. */
    public record StaticFinding(String rule, String location, String message) {
    }
}
