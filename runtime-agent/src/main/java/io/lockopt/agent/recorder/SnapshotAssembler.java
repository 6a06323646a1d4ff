package io.lockopt.agent.recorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.lockopt.agent.bootstrap.LockSink;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

/**
 * Assembles one {@link Snapshot} from the recorder's tables: each lock record's shared counters
 * plus every thread's own, its waits by site, thread and holder, its holds by site (also summed per
 * site over all locks, for the sites' own hold figures), and its lock-order edges.
 *
 * <p>Design notes: the reporter thread alone uses an assembler, one per snapshot. It reads
 * counters while application threads go on writing them, so a snapshot is a close, not an
 * atomic, picture of a moment; each lock's histograms are drained once, here.
 */
final class SnapshotAssembler {
    private final List<Snapshot.LockStats> locks = new ArrayList<>();
    private final List<Snapshot.EdgeStats> edges = new ArrayList<>();
    /** Holds by site over all locks: count, total, max. */
    private final Map<InstrumentedSite, long[]> holdsPerSite = new HashMap<>();

    /** The statistics of the session so far, under {@code request}'s header. */
    static Snapshot assemble(SnapshotRequest request, LockTable table, Iterable<LockRecord> retired,
            InstrumentedSites sites, long unmatchedReleases, long recorderErrors) {
        SnapshotAssembler assembler = new SnapshotAssembler();
        for (LockRecord record : table.all()) {
            assembler.add(record);
        }
        for (LockRecord record : retired) {
            assembler.add(record);
        }
        Snapshot.Counters counters = new Snapshot.Counters(request.classesInstrumented(), sites.size(),
                table.untracked(), unmatchedReleases, recorderErrors, request.transformErrors());
        return new Snapshot(request.secret(), request.sequence(), request.last(), request.endReason(),
                request.startedAtMillis(), System.currentTimeMillis(), request.elapsedNanos(), counters,
                assembler.sites(sites), assembler.locks, assembler.edges);
    }

    private void add(LockRecord record) {
        record.drainHistograms();
        StaticFieldLabels.resolve(record);
        LockRecord.Totals totals = record.totals();
        long acquisitions = totals.acquisitions();
        long reads = totals.reads();
        long writes = totals.writes();
        long holdNanos = totals.holdNanos();
        Map<InstrumentedSite, long[]> siteHolds = record.siteHolds();
        LockRecord owner = record.owner();
        locks.add(new Snapshot.LockStats(record.id, owner == null ? -1 : owner.id, record.kind,
                modeOf(record.mode, reads, writes), record.className, record.identityHash, record.label(),
                record.labelSource(), acquisitions, record.contended.sum(), reads, writes,
                record.reentrant.sum(), record.tryFailures.sum(), holdNanos, record.waitNanos.sum(),
                copyOrNull(record.holdTotal()), copyOrNull(record.waitTotal()), waitSites(record), waitThreads(record),
                holdSites(siteHolds), waitHolders(record), record.retiredInstances));
        for (LockRecord.LockOrderEdge edge : record.successors()) {
            edges.add(new Snapshot.EdgeStats(record.id, edge.to.id, edge.count.sum(),
                    edge.firstSite == null ? -1 : edge.firstSite.id(), edge.firstThread));
        }
    }

    private static List<Snapshot.SiteWait> waitSites(LockRecord record) {
        List<Snapshot.SiteWait> waitSites = new ArrayList<>();
        for (Map.Entry<InstrumentedSite, WaitTally> entry : record.waitsBySite.entrySet()) {
            waitSites.add(new Snapshot.SiteWait(entry.getKey().id(), tally(entry.getValue())));
        }
        return waitSites;
    }

    private static List<Snapshot.ThreadWait> waitThreads(LockRecord record) {
        List<Snapshot.ThreadWait> waitThreads = new ArrayList<>();
        for (Map.Entry<ThreadState, WaitTally> entry : record.waitsByThread.entrySet()) {
            waitThreads.add(new Snapshot.ThreadWait(entry.getKey().threadName, tally(entry.getValue())));
        }
        return waitThreads;
    }

    private static List<Snapshot.ThreadWait> waitHolders(LockRecord record) {
        List<Snapshot.ThreadWait> waitHolders = new ArrayList<>();
        for (Map.Entry<LockRecord.HolderKey, WaitTally> entry : record.waitsByHolder.entrySet()) {
            LockRecord.HolderKey holder = entry.getKey();
            waitHolders.add(new Snapshot.ThreadWait(holder.thread(), tally(entry.getValue()),
                    holder.waitSite() == null ? -1 : holder.waitSite().id(),
                    holder.heldAt() == null ? null : holder.heldAt().where(),
                    record.holderStack(holder.thread(), holder.heldAt())));
        }
        return waitHolders;
    }

    /** One lock's holds by site, also added to the sites' totals over all locks. */
    private List<Snapshot.SiteHold> holdSites(Map<InstrumentedSite, long[]> siteHolds) {
        List<Snapshot.SiteHold> holdSites = new ArrayList<>();
        for (Map.Entry<InstrumentedSite, long[]> entry : siteHolds.entrySet()) {
            long[] sum = entry.getValue();
            holdSites.add(new Snapshot.SiteHold(entry.getKey().id(), new Snapshot.Tally(sum[0], sum[1], sum[2])));
            long[] site = holdsPerSite.computeIfAbsent(entry.getKey(), k -> new long[3]);
            site[0] += sum[0];
            site[1] += sum[1];
            site[2] = Math.max(site[2], sum[2]);
        }
        return holdSites;
    }

    private List<Snapshot.SiteStats> sites(InstrumentedSites sites) {
        List<Snapshot.SiteStats> siteStats = new ArrayList<>();
        for (InstrumentedSite site : sites.all()) {
            long[] holds = holdsPerSite.getOrDefault(site, new long[3]);
            siteStats.add(new Snapshot.SiteStats(site.id(), site.className(), site.methodName(), site.line(),
                    site.label(), site.operation(), site.opensSection(), site.sectionEscapes(), site.sectionWrites(),
                    site.writeEvidence(), new Snapshot.Tally(holds[0], holds[1], holds[2]), tally(site.waits)));
        }
        return siteStats;
    }

    /** A record's mode as reported: its own, or for a lock taken both ways what its counts show. */
    static LockMode modeOf(int mode, long reads, long writes) {
        if (mode == LockSink.READ) {
            return LockMode.READ;
        }
        if (mode == LockSink.WRITE) {
            return LockMode.WRITE;
        }
        if (reads > 0 && writes > 0) {
            return LockMode.MIXED;
        }
        if (reads > 0) {
            return LockMode.READ;
        }
        return writes > 0 ? LockMode.WRITE : LockMode.EXCLUSIVE;
    }

    private static Snapshot.Tally tally(WaitTally tally) {
        return new Snapshot.Tally(tally.count(), tally.totalNanos(), tally.maxNanos());
    }

    private static Histogram copyOrNull(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? null : histogram.copy();
    }
}
