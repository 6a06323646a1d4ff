package io.lockopt.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.ProfiledSession;
import io.lockopt.advice.StaticFindings;
import io.lockopt.agent.wire.LockGroup;

/**
 * Merges the profile reports of several JVMs (a fleet, or one JVM at several times) into one
 * report of the same shape. Locks are matched by label. Per label, counts and exact totals are
 * added and the wait and hold histograms merged (HdrHistogram's {@code add}), so the merged
 * percentiles are those of all the acquisitions together, never averages of percentiles; each
 * row keeps its lock instances, one per instance per JVM ({@link ProfileReport.Instance}). Sites
 * are matched by place and operation, waiting threads by name, lock-order edges by their two
 * labels (cycles are searched again on the merged graph); recommendations are derived again.
 * A merged report merges again: its sources and instances are carried over. One JVM's session
 * given twice (a merged report and one of its inputs, or a copy of a report) is refused: its
 * figures would count twice.
 */
public final class ProfileMerge {
    private static final int TOP_SITES = 3;

    /** One report to merge and the name it goes by in the merged report (its file). */
    public record Input(String name, ProfileReport report) {
    }

    private ProfileMerge() {
    }

    public static ProfileReport merge(List<Input> inputs) {
        List<ProfileReport.Source> sources = new ArrayList<>();
        Map<String, MergedLock> locks = new LinkedHashMap<>();
        Map<List<String>, ProfileReport.Edge> edges = new LinkedHashMap<>();
        Map<ProfiledSession, String> sessions = new HashMap<>();
        for (Input input : inputs) {
            ProfileReport report = input.report();
            List<ProfileReport.Source> theirs = report.isMerged() ? report.sources() : List.of(sourceOf(input));
            for (ProfileReport.Source source : theirs) {
                new ProfiledSession(source.pid(), source.mainClass(), source.startedAt(), source.durationNanos())
                        .requireOnce(sessions, input.name(), ReportInputException::new);
            }
            sources.addAll(theirs);
            for (ProfileReport.LockRow row : report.locks()) {
                locks.computeIfAbsent(ProfileReportBuilder.baseLabel(row.label()), MergedLock::new).add(input, row);
            }
            for (ProfileReport.Edge edge : report.lockOrder().edges()) {
                List<String> between = List.of(ProfileReportBuilder.baseLabel(edge.from()),
                        ProfileReportBuilder.baseLabel(edge.to()));
                edges.merge(between, edge, (first, more) -> new ProfileReport.Edge(first.fromId(), first.from(),
                        first.toId(), first.to(), first.count() + more.count(), first.site(), first.thread()));
            }
        }

        Map<String, Integer> ids = new LinkedHashMap<>();
        List<ProfileReport.LockRow> rows = new ArrayList<>();
        for (MergedLock lock : locks.values()) {
            int id = ids.size();
            ids.put(lock.label, id);
            rows.add(lock.row(id));
        }
        List<ProfileReport.LockRow> ranked = ProfileReportBuilder.rank(rows);
        List<ProfileReport.Edge> renumbered = new ArrayList<>();
        for (Map.Entry<List<String>, ProfileReport.Edge> entry : edges.entrySet()) {
            String fromLabel = entry.getKey().get(0);
            String toLabel = entry.getKey().get(1);
            ProfileReport.Edge edge = entry.getValue();
            int from = ids.computeIfAbsent(fromLabel, label -> ids.size());
            int to = ids.computeIfAbsent(toLabel, label -> ids.size());
            renumbered.add(new ProfileReport.Edge(from, fromLabel, to, toLabel, edge.count(), edge.site(),
                    edge.thread()));
        }
        ProfileReport.LockOrder order = LockOrderCycles.analyse(renumbered);
        ProfileReport.Session session = session(inputs, sources);
        ProfileReport measured = new ProfileReport(ProfileReport.SCHEMA, null, session, ranked, order, List.of(),
                sources);
        return new ProfileReport(ProfileReport.SCHEMA, null, session, ranked, order,
                Recommendations.derive(measured, AdviceModel.bundled(), StaticFindings.NONE), sources);
    }

    private static ProfileReport.Source sourceOf(Input input) {
        ProfileReport report = input.report();
        return new ProfileReport.Source(input.name(), report.target().pid(), report.target().mainClass(),
                report.target().javaVersion(), report.session().startedAt(), report.session().durationNanos(),
                report.session().endReason());
    }

    /**
     * The merged session: the earliest start, the profiled time of all the JVMs together (so a
     * lock's total wait compares with the time it was measured in), the agents' counters added.
     */
    private static ProfileReport.Session session(List<Input> inputs, List<ProfileReport.Source> sources) {
        String startedAt = null;
        long duration = 0;
        int classes = 0;
        int sites = 0;
        long untracked = 0;
        long unmatched = 0;
        long recorderErrors = 0;
        long transformErrors = 0;
        Set<String> synchronizedWaits = new LinkedHashSet<>();
        Instant earliest = null;
        for (ProfileReport.Source source : sources) {
            duration += source.durationNanos();
            Instant started;
            try {
                started = Instant.parse(source.startedAt());
            } catch (RuntimeException e) {
                throw new ReportInputException(source.file() + ": session.startedAt is not an ISO-8601 instant: "
                        + source.startedAt(), e);
            }
            if (earliest == null || started.isBefore(earliest)) {
                earliest = started;
                startedAt = source.startedAt();
            }
        }
        for (Input input : inputs) {
            ProfileReport.Session s = input.report().session();
            classes += s.classesInstrumented();
            sites += s.callSites();
            untracked += s.untrackedLocks();
            unmatched += s.unmatchedReleases();
            recorderErrors += s.recorderErrors();
            transformErrors += s.transformErrors();
            if (s.synchronizedMethodWaits() != null) {
                synchronizedWaits.add(s.synchronizedMethodWaits());
            }
        }
        return new ProfileReport.Session(startedAt, duration, "merged", classes, sites, untracked, unmatched,
                recorderErrors, transformErrors, null, null,
                synchronizedWaits.isEmpty() ? null : String.join(" / ", synchronizedWaits), null);
    }

    /** What one label adds up to across the reports; filled by one thread, then read once. */
    private static final class MergedLock {
        final String label;
        String labelSource;
        final Set<String> kinds = new LinkedHashSet<>();
        long acquisitions;
        long contended;
        long reads;
        long writes;
        /** Read-only shares weighted by the acquisitions of the rows that had one. */
        double readOnlyWeighted;
        long readOnlyWeight;
        final Timing waits = new Timing("wait");
        final Timing holds = new Timing("hold");
        final Map<List<String>, SiteSum> sites = new LinkedHashMap<>();
        final Map<String, long[]> threads = new LinkedHashMap<>();
        final Map<String, long[]> holders = new LinkedHashMap<>();
        final List<ProfileReport.Instance> instances = new ArrayList<>();

        MergedLock(String label) {
            this.label = label;
        }

        void add(Input input, ProfileReport.LockRow row) {
            if (labelSource == null) {
                labelSource = row.labelSource();
            }
            kinds.add(row.kind());
            acquisitions += row.acquisitions();
            contended += row.contended();
            reads += row.reads();
            writes += row.writes();
            if (row.readOnlySectionShare() != null) {
                readOnlyWeighted += row.readOnlySectionShare() * row.acquisitions();
                readOnlyWeight += row.acquisitions();
            }
            waits.add(input.name(), label, row.waitTime());
            holds.add(input.name(), label, row.holdTime());
            for (ProfileReport.SiteRow site : row.sites()) {
                sites.computeIfAbsent(List.of(site.site(), site.operation()), key -> new SiteSum()).add(site);
            }
            addThreads(threads, row.threads());
            addThreads(holders, row.holders());
            if (row.instances() != null) {
                instances.addAll(row.instances());
            } else {
                // The instance number of the report (#2) stays with its instance, to find it there.
                String number = row.label().substring(label.length());
                instances.add(new ProfileReport.Instance(input.name(), input.report().target().pid(),
                        row.instance() + (number.isEmpty() ? "" : " (" + number + ")"), row.acquisitions(),
                        row.contended(), row.waitTime(), row.holdTime()));
            }
        }

        ProfileReport.LockRow row(int id) {
            List<ProfileReport.SiteRow> siteRows = sites.entrySet().stream()
                    .map(e -> e.getValue().row(e.getKey().get(0), e.getKey().get(1))).toList();
            List<ProfileReport.SiteRow> topWaitSites = siteRows.stream().filter(site -> site.waits() > 0)
                    .sorted(Comparator.comparingLong(ProfileReport.SiteRow::totalWaitNanos).reversed())
                    .limit(TOP_SITES).toList();
            List<ProfileReport.ThreadRow> threadRows = ProfileReportBuilder.topThreads(threads);
            long profiles = instances.stream().map(ProfileReport.Instance::source).distinct().count();
            String instance = instances.size() == 1 ? instances.get(0).instance() + " in " + instances.get(0).source()
                    : instances.size() + " instances in " + profiles + (profiles == 1 ? " profile" : " profiles");
            return new ProfileReport.LockRow(0, id, label, labelSource, String.join(" / ", kinds), instance,
                    acquisitions, contended, acquisitions == 0 ? 0 : 100.0 * contended / acquisitions, reads, writes,
                    reads + writes == 0 ? null : (double) reads / (reads + writes),
                    readOnlyWeight == 0 ? null : readOnlyWeighted / readOnlyWeight, waits.distribution(),
                    holds.distribution(), topWaitSites, threadRows, siteRows, ProfileReportBuilder.topThreads(holders),
                    instances);
        }

        /** Waiters (or holders waited on) of one JVM added to those of the others, by thread name. */
        private static void addThreads(Map<String, long[]> sums, List<ProfileReport.ThreadRow> rows) {
            for (ProfileReport.ThreadRow thread : rows) {
                long[] sum = sums.computeIfAbsent(thread.name(), name -> new long[3]);
                sum[0] += thread.waits();
                sum[1] += thread.totalWaitNanos();
                sum[2] = Math.max(sum[2], thread.maxWaitNanos());
            }
        }
    }

    /** Wait or hold times of one label: the histograms to merge and the exact total. */
    private static final class Timing {
        private final String what;
        private final List<Histogram> histograms = new ArrayList<>();
        private long totalNanos;

        Timing(String what) {
            this.what = what;
        }

        void add(String source, String label, ProfileReport.Distribution distribution) {
            totalNanos += distribution.totalNanos();
            Optional<Histogram> decoded;
            try {
                decoded = distribution.decodeHistogram();
            } catch (DataFormatException | RuntimeException e) {
                throw new ReportInputException(source + ": the " + what + "-time histogram of " + label
                        + " cannot be decoded: " + e.getMessage(), e);
            }
            if (decoded.isEmpty()) {
                if (distribution.count() > 0) {
                    throw new ReportInputException(source + ": " + label + " has " + what + " times but no " + what
                            + "-time histogram (written before lockopt put histograms in its reports); merging adds"
                            + " histograms, never percentiles: profile again");
                }
                return;
            }
            histograms.add(decoded.get());
        }

        ProfileReport.Distribution distribution() {
            return ProfileReport.Distribution.of(LockGroup.merged(histograms), totalNanos);
        }
    }

    /** One site's figures for one label, added across reports. */
    private static final class SiteSum {
        long waits;
        long totalWaitNanos;
        long maxWaitNanos;
        long holds;
        long totalHoldNanos;
        long maxHoldNanos;
        Boolean readOnlySection;
        String writeEvidence;
        /** The holder named by the report whose waits at this site were longest. */
        ProfileReport.SiteRow holderFrom;

        void add(ProfileReport.SiteRow site) {
            if (site.heldBy() != null && (holderFrom == null || site.totalWaitNanos() > holderFrom.totalWaitNanos())) {
                holderFrom = site;
            }
            waits += site.waits();
            totalWaitNanos += site.totalWaitNanos();
            maxWaitNanos = Math.max(maxWaitNanos, site.maxWaitNanos());
            holds += site.holds();
            totalHoldNanos += site.totalHoldNanos();
            maxHoldNanos = Math.max(maxHoldNanos, site.maxHoldNanos());
            // One report that saw a write makes the section a writing one.
            if (site.readOnlySection() != null) {
                readOnlySection = readOnlySection == null ? site.readOnlySection()
                        : readOnlySection && site.readOnlySection();
            }
            if (writeEvidence == null) {
                writeEvidence = site.writeEvidence();
            }
        }

        ProfileReport.SiteRow row(String site, String operation) {
            return new ProfileReport.SiteRow(site, operation, waits, totalWaitNanos, maxWaitNanos, holds,
                    totalHoldNanos, maxHoldNanos, readOnlySection, writeEvidence,
                    holderFrom == null ? null : holderFrom.heldBy(), holderFrom == null ? null : holderFrom.heldAt(),
                    holderFrom == null ? List.of() : holderFrom.holderStack());
        }
    }
}
