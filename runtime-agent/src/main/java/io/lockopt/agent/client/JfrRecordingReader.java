package io.lockopt.agent.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import org.HdrHistogram.Histogram;

import io.lockopt.agent.jfr.LockContendedEvent;
import io.lockopt.agent.jfr.LockOrderEdgeEvent;
import io.lockopt.agent.jfr.LockStatisticsEvent;
import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.agent.wire.SnapshotCodec;

/**
 * Reads lockopt's events back from a JFR recording ({@code lockopt profile --jfr-file}) as the
 * snapshot a profile session would have sent, so the report is built by the same code.
 * Each lock's counters and histograms are its last {@code io.lockopt.LockStatistics} event
 * (they are cumulative since the agent started); its waits by site and by thread are summed
 * from the {@code io.lockopt.LockContended} events, and so are its waits by holder thread; its
 * holds by site come with its statistics, and the lock-order graph from the last
 * {@code io.lockopt.LockOrderEdge} event of each edge. The target (pid, main class, Java version)
 * comes from JFR's own {@code jdk.JVMInformation} when the recording has it. A recording of
 * several JVMs is not told apart: lock ids are one agent's.
 */
public final class JfrRecordingReader {
    private JfrRecordingReader() {
    }

    /** What a recording says: the JVM it came from and the statistics as a snapshot. */
    public record Recording(JavaProcess target, Snapshot snapshot) {
    }

    public static Recording read(Path file) throws IOException {
        Map<Integer, RecordedEvent> statistics = new TreeMap<>();
        Map<String, Integer> siteIds = new LinkedHashMap<>();
        Map<Integer, SiteInfo> siteInfo = new HashMap<>();
        Map<List<Integer>, RecordedEvent> edges = new LinkedHashMap<>();
        Map<Integer, Map<Integer, long[]>> waitsBySite = new HashMap<>();
        Map<Integer, Map<String, long[]>> waitsByThread = new HashMap<>();
        Map<Integer, Map<String, long[]>> waitsByHolder = new HashMap<>();
        Map<String, List<String>> holderStacks = new HashMap<>();
        Map<Integer, long[]> siteWaits = new HashMap<>();
        RecordedEvent jvm = null;
        Instant last = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String name = event.getEventType().getName();
                if (name.equals(LockStatisticsEvent.NAME)) {
                    int id = event.getInt("lockId");
                    RecordedEvent known = statistics.get(id);
                    if (known == null || !event.getStartTime().isBefore(known.getStartTime())) {
                        statistics.put(id, event);
                    }
                    if (last == null || event.getStartTime().isAfter(last)) {
                        last = event.getStartTime();
                    }
                } else if (name.equals(LockContendedEvent.NAME)) {
                    int lockId = event.getInt("lockId");
                    long wait = event.getLong("waitTime");
                    int siteId = siteId(siteIds, siteInfo, event.getString("siteClass"), event.getString("siteMethod"),
                            event.getInt("siteLine"), event.getString("lockLabel"));
                    add(waitsBySite.computeIfAbsent(lockId, l -> new HashMap<>()).computeIfAbsent(siteId,
                            s -> new long[3]), wait);
                    add(siteWaits.computeIfAbsent(siteId, s -> new long[3]), wait);
                    RecordedThread thread = event.getThread();
                    String threadName = thread == null ? "?" : thread.getJavaName();
                    add(waitsByThread.computeIfAbsent(lockId, l -> new HashMap<>()).computeIfAbsent(threadName,
                            t -> new long[3]), wait);
                    String holder = event.getString("holderThread");
                    if (holder != null) {
                        String heldAt = event.hasField("holderSite") ? event.getString("holderSite") : null;
                        String stack = event.hasField("holderStack") ? event.getString("holderStack") : null;
                        // One entry per holder, holder site and wait site, as the agent keeps them.
                        String key = holder + "\n" + (heldAt == null ? "" : heldAt) + "\n" + siteId;
                        add(waitsByHolder.computeIfAbsent(lockId, l -> new HashMap<>()).computeIfAbsent(key,
                                h -> new long[3]), wait);
                        if (stack != null) {
                            holderStacks.putIfAbsent(key, List.of(stack.split(";")));
                        }
                    }
                } else if (name.equals(LockOrderEdgeEvent.NAME)) {
                    // Cumulative, like the statistics: the last one of an edge counts.
                    List<Integer> key = List.of(event.getInt("fromLockId"), event.getInt("toLockId"));
                    RecordedEvent known = edges.get(key);
                    if (known == null || !event.getStartTime().isBefore(known.getStartTime())) {
                        edges.put(key, event);
                    }
                } else if (name.equals("jdk.JVMInformation")) {
                    jvm = event;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable JFR recording: " + e.getMessage(), e);
        }
        if (statistics.isEmpty()) {
            throw new IOException(file + " holds no " + LockStatisticsEvent.NAME + " event: record with the lockopt"
                    + " agent always on (-javaagent:lockopt-agent.jar) for at least one statistics period (5 s)");
        }

        foldRetired(statistics, waitsBySite, waitsByThread, waitsByHolder);

        Map<Integer, List<Snapshot.SiteHold>> holdsBySite = new HashMap<>();
        Map<Integer, long[]> siteHolds = new HashMap<>();
        for (RecordedEvent lock : statistics.values()) {
            String text = lock.hasField("holdSites") ? lock.getString("holdSites") : null;
            if (text == null || text.isEmpty()) {
                continue;
            }
            for (String entry : text.split(";")) {
                String[] f = entry.split("/");
                int siteId = siteId(siteIds, siteInfo, f[0], f[1], Integer.parseInt(f[2]), lock.getString("lockLabel"));
                long count = Long.parseLong(f[3]);
                long total = Long.parseLong(f[4]);
                long max = Long.parseLong(f[5]);
                holdsBySite.computeIfAbsent(lock.getInt("lockId"), l -> new ArrayList<>())
                        .add(new Snapshot.SiteHold(siteId, new Snapshot.Tally(count, total, max)));
                long[] sum = siteHolds.computeIfAbsent(siteId, x -> new long[3]);
                sum[0] += count;
                sum[1] += total;
                sum[2] = Math.max(sum[2], max);
            }
        }
        List<Snapshot.EdgeStats> edgeStats = new ArrayList<>();
        for (RecordedEvent edge : edges.values()) {
            if (!statistics.containsKey(edge.getInt("fromLockId")) || !statistics.containsKey(edge.getInt("toLockId"))) {
                continue; // an edge of a retired instance: the agent moved its count to its label's retired instances
            }
            int siteId = edge.getString("siteClass") == null ? -1 : siteId(siteIds, siteInfo, edge.getString("siteClass"),
                    edge.getString("siteMethod"), edge.getInt("siteLine"), null);
            edgeStats.add(new Snapshot.EdgeStats(edge.getInt("fromLockId"), edge.getInt("toLockId"), edge.getLong("count"),
                    siteId, edge.getString("firstThread")));
        }
        List<Snapshot.SiteStats> sites = new ArrayList<>();
        for (Map.Entry<Integer, SiteInfo> site : siteInfo.entrySet()) {
            SiteInfo info = site.getValue();
            sites.add(new Snapshot.SiteStats(site.getKey(), info.className(), info.methodName(), info.line(),
                    info.label(), "lock", false, false, false, null, tally(siteHolds.get(site.getKey())),
                    tally(siteWaits.get(site.getKey()))));
        }
        List<Snapshot.LockStats> locks = new ArrayList<>();
        for (RecordedEvent lock : statistics.values()) {
            int id = lock.getInt("lockId");
            List<Snapshot.SiteWait> bySite = new ArrayList<>();
            waitsBySite.getOrDefault(id, Map.of()).forEach((site, sum) -> bySite.add(new Snapshot.SiteWait(site,
                    tally(sum))));
            List<Snapshot.ThreadWait> byThread = threadWaits(waitsByThread.get(id));
            List<Snapshot.ThreadWait> byHolder = holderWaits(waitsByHolder.get(id), holderStacks);
            locks.add(new Snapshot.LockStats(id, lock.getInt("ownerId"), LockKind.ofDisplayName(lock.getString("kind")),
                    LockMode.ofWireName(lock.getString("mode")),
                    lock.getString("lockClass"), lock.getInt("identityHash"), lock.getString("lockLabel"),
                    lock.getString("labelSource"), lock.getLong("acquisitions"), lock.getLong("contended"),
                    lock.getLong("reads"), lock.getLong("writes"), lock.getLong("reentrant"), lock.getLong("tryFailures"),
                    lock.getLong("holdTotal"), lock.getLong("waitTotal"), histogram(lock.getString("holdHistogram")),
                    histogram(lock.getString("waitHistogram")), bySite, byThread, holdsBySite.getOrDefault(id, List.of()),
                    byHolder, lock.hasField("retiredInstances") ? lock.getInt("retiredInstances") : 0));
        }

        Instant started = jvm != null ? jvm.getInstant("jvmStartTime")
                : statistics.values().stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Snapshot.Counters counters = new Snapshot.Counters(0, sites.size(), 0, 0, 0, 0);
        Snapshot snapshot = new Snapshot("", 1, true, "recording", started.toEpochMilli(), last.toEpochMilli(),
                Duration.between(started, last).toNanos(), counters, sites, locks, edgeStats);
        return new Recording(target(jvm), snapshot);
    }

    /**
     * Keeps the locks of the agent's last statistics snapshot, and those a cut-short last period
     * left out: a lock instance collected since it was last reported is counted, from then on, in
     * its label's retired-instances entry, so its own last event would count it twice. Its waits from {@code LockContended} events (which
     * carry the instance's id) go to that entry: the one of its label, class and mode.
     */
    private static void foldRetired(Map<Integer, RecordedEvent> statistics, Map<Integer, Map<Integer, long[]>> waitsBySite,
            Map<Integer, Map<String, long[]>> waitsByThread, Map<Integer, Map<String, long[]>> waitsByHolder) {
        long lastSnapshot = statistics.values().stream().filter(e -> e.hasField("snapshot"))
                .mapToLong(e -> e.getLong("snapshot")).max().orElse(-1L);
        if (lastSnapshot < 0) {
            return;
        }
        Map<List<String>, Integer> retiredByLabel = new HashMap<>();
        Map<Integer, List<String>> labelOf = new HashMap<>();
        for (RecordedEvent lock : statistics.values()) {
            List<String> label = Arrays.asList(lock.getString("lockLabel"), lock.getString("lockClass"),
                    lock.getString("mode"));
            labelOf.put(lock.getInt("lockId"), label);
            if (lock.getLong("snapshot") == lastSnapshot && lock.getInt("retiredInstances") > 0) {
                retiredByLabel.putIfAbsent(label, lock.getInt("lockId"));
            }
        }
        // A lock missing from the last snapshot was collected if its label's retired entry there
        // counts it; one without such an entry was only left out of a last period cut short (the
        // recording ended while the agent was writing it, or the agent stopped first): keep its
        // last event rather than lose the lock.
        statistics.values().removeIf(lock -> lock.getLong("snapshot") != lastSnapshot
                && retiredByLabel.containsKey(labelOf.get(lock.getInt("lockId"))));
        for (Map<Integer, ? extends Map<?, long[]>> waits : List.of(waitsBySite, waitsByThread, waitsByHolder)) {
            for (Integer id : new ArrayList<>(waits.keySet())) {
                if (statistics.containsKey(id)) {
                    continue;
                }
                Map<?, long[]> gone = waits.remove(id);
                Integer into = retiredByLabel.get(labelOf.get(id));
                if (into != null) {
                    mergeInto(waits, into, gone);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> void mergeInto(Map<Integer, ? extends Map<?, long[]>> waits, int id, Map<K, long[]> gone) {
        Map<K, long[]> target = ((Map<Integer, Map<K, long[]>>) waits).computeIfAbsent(id, x -> new HashMap<>());
        gone.forEach((key, sum) -> {
            long[] to = target.computeIfAbsent(key, k -> new long[3]);
            to[0] += sum[0];
            to[1] += sum[1];
            to[2] = Math.max(to[2], sum[2]);
        });
    }

    /** Where a site is, as the events name it (they carry no site ids). */
    private record SiteInfo(String className, String methodName, int line, String label) {
    }

    /** The id given to the site at {@code className#methodName:line}, given on first sight. */
    private static int siteId(Map<String, Integer> ids, Map<Integer, SiteInfo> info, String className,
            String methodName, int line, String label) {
        int id = ids.computeIfAbsent(className + "#" + methodName + ":" + line, where -> ids.size());
        info.putIfAbsent(id, new SiteInfo(className, methodName, line, label));
        return id;
    }

    private static JavaProcess target(RecordedEvent jvm) {
        if (jvm == null) {
            return new JavaProcess(0, "?", "?", 0);
        }
        String arguments = jvm.getString("javaArguments");
        String main = arguments == null || arguments.isBlank() ? "?" : arguments.strip().split("\\s+")[0];
        String version = jvm.getString("jvmVersion");
        // "OpenJDK 64-Bit Server VM (17.0.15+6-...) for linux-amd64 ..." : the part in parentheses.
        int open = version == null ? -1 : version.indexOf('(');
        int close = open < 0 ? -1 : version.indexOf(')', open);
        String release = close < 0 ? "?" : version.substring(open + 1, close).split("[+ ]")[0];
        int feature;
        try {
            feature = Integer.parseInt(release.split("\\.")[0]);
        } catch (NumberFormatException e) {
            feature = 0;
        }
        return new JavaProcess(jvm.getLong("pid"), main, release, feature);
    }

    private static Histogram histogram(String base64) throws IOException {
        return base64 == null || base64.isEmpty() ? null : SnapshotCodec.histogramOf(Base64.getDecoder().decode(base64));
    }

    private static List<Snapshot.ThreadWait> threadWaits(Map<String, long[]> byName) {
        List<Snapshot.ThreadWait> waits = new ArrayList<>();
        if (byName != null) {
            byName.forEach((name, sum) -> waits.add(new Snapshot.ThreadWait(name, tally(sum))));
        }
        return waits;
    }

    /** Holder entries keyed {@code thread\nheldAt\nwaitSiteId} (see where the events are read). */
    private static List<Snapshot.ThreadWait> holderWaits(Map<String, long[]> byKey, Map<String, List<String>> stacks) {
        List<Snapshot.ThreadWait> waits = new ArrayList<>();
        if (byKey != null) {
            byKey.forEach((key, sum) -> {
                String[] parts = key.split("\n", -1);
                waits.add(new Snapshot.ThreadWait(parts[0], tally(sum), Integer.parseInt(parts[2]),
                        parts[1].isEmpty() ? null : parts[1], stacks.getOrDefault(key, List.of())));
            });
        }
        return waits;
    }

    private static void add(long[] sum, long nanos) {
        sum[0]++;
        sum[1] += nanos;
        sum[2] = Math.max(sum[2], nanos);
    }

    private static Snapshot.Tally tally(long[] sum) {
        return sum == null ? Snapshot.Tally.EMPTY : new Snapshot.Tally(sum[0], sum[1], sum[2]);
    }
}
