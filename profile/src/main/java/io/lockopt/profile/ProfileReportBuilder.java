package io.lockopt.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.StaticFindings;
import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.wire.LockGroup;
import io.lockopt.agent.wire.LockNames;
import io.lockopt.agent.wire.Snapshot;

/**
 * Turns the agent's raw snapshot into the report: groups the two sides of a read/write lock
 * into one row, computes percentiles, ranks locks by total wait, finds lock-order cycles and
 * derives the recommendations. The agent collects; this interprets.
 */
public final class ProfileReportBuilder {
    private static final int TOP_SITES = 3;
    private static final int TOP_THREADS = 5;

    private ProfileReportBuilder() {
    }

    public static ProfileReport build(JavaProcess target, Snapshot snapshot) {
        return build(target, snapshot, null, null);
    }

    /** With the client's attach timings ({@code null}: not measured), advised with the bundled calibration. */
    public static ProfileReport build(JavaProcess target, Snapshot snapshot, Duration attach, Duration toFirstData) {
        return build(target, snapshot, attach, toFirstData, snapshot.endReason(), AdviceModel.bundled(),
                StaticFindings.NONE);
    }

    /**
     * With the reason the session ended as the client saw it (the agent's own when it wrote a last
     * snapshot, else what became of the target: {@code target-gone}, {@code no-answer}), the advice
     * model to use and the static findings on the locks ({@code --source}).
     */
    public static ProfileReport build(JavaProcess target, Snapshot snapshot, Duration attach, Duration toFirstData,
            String endReason, AdviceModel model, StaticFindings findings) {
        Map<Integer, Snapshot.SiteStats> sites = new HashMap<>();
        for (Snapshot.SiteStats site : snapshot.sites()) {
            sites.put(site.id(), site);
        }
        List<ProfileReport.LockRow> rows = new ArrayList<>();
        for (LockGroup group : LockGroup.of(snapshot)) {
            if (group.acquisitions() > 0) {
                rows.add(row(group, sites));
            }
        }
        List<ProfileReport.LockRow> ranked = rank(numberInstances(rows, snapshot));

        Map<Integer, String> labels = new HashMap<>();
        for (Snapshot.LockStats lock : snapshot.locks()) {
            labels.put(lock.id(), LockNames.labelOf(lock));
        }
        for (ProfileReport.LockRow row : ranked) {
            labels.put(row.id(), row.label());
        }
        ProfileReport.LockOrder order = LockOrderCycles.analyse(snapshot.edges(), labels, sites);

        Snapshot.Counters counters = snapshot.counters();
        ProfileReport.Session session = new ProfileReport.Session(
                Instant.ofEpochMilli(snapshot.startedAtEpochMillis()).toString(), snapshot.elapsedNanos(),
                endReason, counters.classesInstrumented(), counters.sites(), counters.untrackedLocks(),
                counters.unmatchedReleases(), counters.recorderErrors(), counters.transformErrors(),
                attach == null ? null : attach.toNanos(), toFirstData == null ? null : toFirstData.toNanos(),
                counters.synchronizedMethodWaits(), counters.synchronizedMethodWaitsFromNanos() < 0 ? null
                        : counters.synchronizedMethodWaitsFromNanos());
        ProfileReport.Target about = new ProfileReport.Target(target.pid(), target.mainClass(), target.javaVersion());
        ProfileReport measured = new ProfileReport(ProfileReport.SCHEMA, about, session, ranked, order, List.of());
        return new ProfileReport(ProfileReport.SCHEMA, about, session, ranked, order,
                Recommendations.derive(measured, model, findings));
    }

    /**
     * Instances that share a label (nine {@code WriterReaderPhaser.readerLock}s) get a suffix
     * {@code #1}, {@code #2}, ... in the order the agent first saw them: {@link LockNames}, the
     * numbering the agent's MXBeans use too, so that each row, graph node, recommendation and
     * MXBean names one instance, and the same one. {@link #baseLabel} undoes it.
     */
    static List<ProfileReport.LockRow> numberInstances(List<ProfileReport.LockRow> rows, Snapshot snapshot) {
        Map<Integer, String> names = LockNames.of(snapshot);
        return rows.stream().map(row -> names.containsKey(row.id()) && !names.get(row.id()).equals(row.label())
                ? row.relabelled(names.get(row.id())) : row).toList();
    }

    /** The label without its instance number: the lock's field, as the analyzer names it. */
    public static String baseLabel(String label) {
        return LockNames.baseLabel(label);
    }

    /** Ranks rows by total wait, then acquisitions, then label: rank 1 first. */
    static List<ProfileReport.LockRow> rank(List<ProfileReport.LockRow> rows) {
        List<ProfileReport.LockRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((ProfileReport.LockRow r) -> r.waitTime().totalNanos()).reversed()
                .thenComparing(Comparator.comparingLong(ProfileReport.LockRow::acquisitions).reversed())
                .thenComparing(ProfileReport.LockRow::label));
        List<ProfileReport.LockRow> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).ranked(i + 1));
        }
        return ranked;
    }

    private static ProfileReport.LockRow row(LockGroup group, Map<Integer, Snapshot.SiteStats> sites) {
        Map<Integer, long[]> waitSites = new LinkedHashMap<>();
        Map<String, long[]> threads = new LinkedHashMap<>();
        Map<String, long[]> holders = new LinkedHashMap<>();
        // Per wait site: (holder thread, where it had taken the lock) -> waits; and each holder's sampled stack.
        Map<Integer, Map<List<String>, long[]>> holdersBySite = new HashMap<>();
        Map<List<String>, List<String>> holderStacks = new HashMap<>();
        Map<Integer, long[]> holdSites = new LinkedHashMap<>();
        for (Snapshot.LockStats member : group.members()) {
            for (Snapshot.SiteWait wait : member.waitSites()) {
                add(waitSites.computeIfAbsent(wait.siteId(), id -> new long[3]), wait.waits());
            }
            for (Snapshot.ThreadWait wait : member.waitThreads()) {
                add(threads.computeIfAbsent(wait.thread(), name -> new long[3]), wait.waits());
            }
            for (Snapshot.ThreadWait wait : member.waitHolders()) {
                add(holders.computeIfAbsent(wait.thread(), name -> new long[3]), wait.waits());
                if (wait.waitSiteId() >= 0) {
                    List<String> holder = Arrays.asList(wait.thread(), wait.heldAt());
                    add(holdersBySite.computeIfAbsent(wait.waitSiteId(), id -> new LinkedHashMap<>())
                            .computeIfAbsent(holder, h -> new long[3]), wait.waits());
                    if (!wait.holderStack().isEmpty()) {
                        holderStacks.putIfAbsent(holder, wait.holderStack());
                    }
                }
            }
            for (Snapshot.SiteHold hold : member.holdSites()) {
                add(holdSites.computeIfAbsent(hold.siteId(), id -> new long[3]), hold.holds());
            }
        }
        long acquisitions = group.acquisitions();
        long contended = group.contended();
        long reads = group.reads();
        long writes = group.writes();
        Snapshot.LockStats named = group.named();
        String label = LockNames.labelOf(named);
        Snapshot.LockStats identity = group.identity();
        String kind = identity.kindName();

        List<ProfileReport.SiteRow> topWaitSites = waitSites.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Integer, long[]> e) -> e.getValue()[1]).reversed())
                .limit(TOP_SITES)
                .map(e -> heldBy(siteRow(sites.get(e.getKey()), e.getValue(), holdSites.get(e.getKey())),
                        holdersBySite.get(e.getKey()), holderStacks))
                .toList();
        List<ProfileReport.ThreadRow> threadRows = topThreads(threads);
        List<ProfileReport.ThreadRow> holderRows = topThreads(holders);

        // The sites that acquired (or waited for) this lock; sections are classified per site.
        List<Integer> relatedIds = new ArrayList<>(holdSites.keySet());
        waitSites.keySet().stream().filter(id -> !holdSites.containsKey(id)).forEach(relatedIds::add);
        relatedIds.sort(Integer::compare);
        long classified = 0;
        long readOnly = 0;
        List<ProfileReport.SiteRow> siteRows = new ArrayList<>();
        for (int siteId : relatedIds) {
            Snapshot.SiteStats site = sites.get(siteId);
            long[] held = holdSites.getOrDefault(siteId, new long[3]);
            if (site != null && site.opensSection() && !site.sectionEscapes()) {
                classified += held[0];
                if (!site.sectionWrites()) {
                    readOnly += held[0];
                }
            }
            siteRows.add(siteRow(site, waitSites.get(siteId), held));
        }
        Double readOnlyShare = classified == 0 ? null : (double) readOnly / classified;
        Double readShare = reads + writes == 0 ? null : (double) reads / (reads + writes);
        double contendedPercent = acquisitions == 0 ? 0 : 100.0 * contended / acquisitions;
        // The figures of collected instances, folded by the agent: how many, instead of one identity.
        String instance = identity.retired() ? identity.retiredInstances() + " retired instances"
                : simpleName(identity.className()) + "@" + Integer.toHexString(identity.identityHash());
        return new ProfileReport.LockRow(0, identity.id(), label, named.labelSource(), kind, instance, acquisitions,
                contended, contendedPercent, reads, writes, readShare, readOnlyShare,
                ProfileReport.Distribution.of(group.waits(), group.waitNanos()),
                ProfileReport.Distribution.of(group.holds(), group.holdNanos()),
                topWaitSites, threadRows, siteRows, holderRows, null);
    }

    /** The threads with the most wait time, most first: the waiters, or the holders waited on. */
    static List<ProfileReport.ThreadRow> topThreads(Map<String, long[]> byThread) {
        return byThread.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(TOP_THREADS)
                .map(e -> new ProfileReport.ThreadRow(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    /** {@code row} with the holder its waits waited on longest, when known. */
    private static ProfileReport.SiteRow heldBy(ProfileReport.SiteRow row, Map<List<String>, long[]> holders,
            Map<List<String>, List<String>> stacks) {
        if (holders == null || holders.isEmpty()) {
            return row;
        }
        List<String> top = holders.entrySet().stream()
                .max(Comparator.comparingLong((Map.Entry<List<String>, long[]> e) -> e.getValue()[1])).orElseThrow()
                .getKey();
        return row.heldBy(top.get(0), top.get(1), stacks.getOrDefault(top, List.of()));
    }

    /** A site's row for one lock: its waits and holds of that lock ({@code null}: none). */
    private static ProfileReport.SiteRow siteRow(Snapshot.SiteStats site, long[] waits, long[] holds) {
        long[] w = waits == null ? new long[3] : waits;
        long[] h = holds == null ? new long[3] : holds;
        if (site == null) {
            return new ProfileReport.SiteRow("?", "?", w[0], w[1], w[2], h[0], h[1], h[2], null, null);
        }
        Boolean readOnly = site.opensSection() && !site.sectionEscapes() ? !site.sectionWrites() : null;
        return new ProfileReport.SiteRow(site.where(), site.operation(), w[0], w[1], w[2], h[0], h[1], h[2], readOnly,
                site.writeEvidence() == null || site.writeEvidence().isEmpty() ? null : site.writeEvidence());
    }

    private static void add(long[] sum, Snapshot.Tally tally) {
        sum[0] += tally.count();
        sum[1] += tally.totalNanos();
        sum[2] = Math.max(sum[2], tally.maxNanos());
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.replace('$', '.');
    }
}
