package io.lockopt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.Calibration;
import io.lockopt.advice.StaticFindings;
import io.lockopt.advice.Strategy;
import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

/** The client's interpretation of a raw snapshot: grouping, ranking, cycles, advice. */
public class ProfileReportBuilderTest {
    private static final JavaProcess TARGET = new JavaProcess(42, "com.acme.Main", "17.0.15", 17);
    private static final long SECOND = 1_000_000_000L;

    public static Snapshot.SiteStats site(int id, String method, String label, boolean writes) {
        return new Snapshot.SiteStats(id, "com.acme.Cache", method, 10 + id, label, "lock", true, false, writes,
                writes ? "stores field size (Cache.put:11)" : null, Snapshot.Tally.EMPTY, Snapshot.Tally.EMPTY);
    }

    private static Histogram histogram(long value, long count) {
        Histogram histogram = new Histogram(2);
        histogram.recordValueWithCount(value, count);
        return histogram;
    }

    private static Snapshot.LockStats lock(int id, int owner, String kind, String mode, String label, long acquisitions,
            long contended, long reads, long writes, long holdNanos, long waitNanos, List<Snapshot.SiteHold> holds) {
        return new Snapshot.LockStats(id, owner, LockKind.ofDisplayName(kind), LockMode.ofWireName(mode),
                "java.util.concurrent.locks.ReentrantLock", 0x1234 + id,
                label, label == null ? null : "field", acquisitions, contended, reads, writes, 0, 0, holdNanos,
                waitNanos, acquisitions == 0 ? null : histogram(holdNanos / Math.max(1, acquisitions), acquisitions),
                contended == 0 ? null : histogram(waitNanos / contended, contended), List.of(), List.of(), holds);
    }

    public static Snapshot snapshot(List<Snapshot.SiteStats> sites, List<Snapshot.LockStats> locks,
            List<Snapshot.EdgeStats> edges) {
        return new Snapshot("s", 1, true, "stop", 0, 0, 10 * SECOND, new Snapshot.Counters(1, sites.size(), 0, 0, 0, 0),
                sites, locks, edges);
    }

    /** A read/write lock loses below a 300 ns hold and wins from there on (2 threads). */
    private static final Calibration CALIBRATION = new Calibration(Calibration.FORMAT, "test", "now", "test", List.of(
            point(0, 20, 1, 20, 22, 8, 17), point(512, 2_000, 1, 2_100, 2_100, 2_050, 2_000),
            point(0, 20, 2, 50, 190, 40, 30), point(64, 300, 2, 600, 600, 500, 900),
            point(512, 2_000, 2, 4_800, 3_000, 5_500, 7_000)));

    private static Calibration.Point point(int work, double hold, int threads, double exclusive, double readWrite,
            double optimistic, double copyOnWrite) {
        return new Calibration.Point(work, hold, threads, Map.of(Strategy.EXCLUSIVE, exclusive, Strategy.READ_WRITE,
                readWrite, Strategy.OPTIMISTIC, optimistic, Strategy.COPY_ON_WRITE, copyOnWrite));
    }

    @Test
    void ranksByWaitAndAsksTheAdviceModelAboutEachLock() throws Exception {
        List<Snapshot.SiteStats> sites = List.of(site(0, "get", "com.acme.Cache.lock", false),
                site(1, "put", "com.acme.Cache.lock", true), site(2, "tick", "com.acme.Clock.lock", true));
        // Holds of 1 µs, 95% read-only sections, waits of 8 s in a 10 s profile.
        Snapshot.LockStats cache = lock(0, -1, "ReentrantLock", "exclusive", "com.acme.Cache.lock", 1000, 100, 0, 0,
                1_000_000, 8 * SECOND, List.of(new Snapshot.SiteHold(0, new Snapshot.Tally(950, 900_000, 5_000)),
                        new Snapshot.SiteHold(1, new Snapshot.Tally(50, 100_000, 5_000))));
        Snapshot.LockStats clock = lock(1, -1, "ReentrantLock", "exclusive", "com.acme.Clock.lock", 10, 0, 0, 0,
                10_000, 0, List.of(new Snapshot.SiteHold(2, new Snapshot.Tally(10, 10_000, 1_000))));

        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(sites, List.of(clock, cache), List.of()),
                null, null, "stop", new AdviceModel(CALIBRATION), StaticFindings.NONE);

        assertThat(report.locks()).extracting(ProfileReport.LockRow::label)
                .containsExactly("com.acme.Cache.lock", "com.acme.Clock.lock");
        ProfileReport.LockRow first = report.locks().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.contendedPercent()).isEqualTo(10.0);
        assertThat(first.readOnlySectionShare()).isEqualTo(0.95);
        assertThat(report.recommendations()).as("the clock's 10 acquisitions need no advice").singleElement()
                .satisfies(advice -> {
                    assertThat(advice.kind()).isEqualTo("read-write-lock");
                    assertThat(advice.lock()).isEqualTo("com.acme.Cache.lock");
                    assertThat(advice.message()).startsWith("95% reads and holds of 1.0 µs are long enough");
                    assertThat(advice.expectedGain()).isNotNull();
                    assertThat(advice.confidence().level()).isIn("high", "medium", "low");
                    assertThat(advice.evidence()).anySatisfy(line -> assertThat(line).contains("1000 acquisitions"));
                });
        // The HTML table's reads column says something for exclusive locks too.
        StringWriter page = new StringWriter();
        ReportHtml.write(page, report);
        assertThat(page.toString()).contains("<td>95% read-only sections</td></tr>")
                .contains("<td>0% read-only sections</td></tr>");
    }

    @Test
    void showsTheStaticFindingsOnALockWithItsAdvice(@TempDir Path sources) throws Exception {
        Files.createDirectories(sources.resolve("com/acme"));
        Files.writeString(sources.resolve("com/acme/Cache.java"), """
                package com.acme;
                import java.util.HashMap;
                import java.util.Map;
                class Cache {
                    private final Object lock = new Object();
                    private final Map<String, Long> values = new HashMap<>();
                    long get(String k) { synchronized (lock) { return values.getOrDefault(k, 0L); } }
                    int size() { synchronized (lock) { return values.size(); } }
                    boolean has(String k) { synchronized (lock) { return values.containsKey(k); } }
                    void put(String k, long v) { synchronized (lock) { values.put(k, v); } }
                }
                """);
        List<Snapshot.SiteStats> sites = List.of(site(0, "get", "com.acme.Cache.lock", false));
        // Cheap, uncontended: the model says leave it, and the finding is still shown with that advice.
        Snapshot.LockStats cache = lock(0, -1, "synchronized", "exclusive", "com.acme.Cache.lock", 20_000, 0, 0, 0,
                2_000_000, 0, List.of(new Snapshot.SiteHold(0, new Snapshot.Tally(20_000, 2_000_000, 500))));

        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(sites, List.of(cache), List.of()), null,
                null, "stop", new AdviceModel(CALIBRATION), StaticFindings.analyze(sources));

        assertThat(report.recommendations()).singleElement().satisfies(advice -> {
            assertThat(advice.kind()).isEqualTo("leave-it");
            assertThat(advice.staticFindings()).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo("ReadMostlyExclusiveLock");
                assertThat(finding.location()).endsWith("com/acme/Cache.java:5");
            });
        });
        StringWriter text = new StringWriter();
        ReportText.finalReport(new PrintWriter(text), report, 10);
        assertThat(text.toString()).contains("    advice: leave-it (")
                .contains("    static: ReadMostlyExclusiveLock at ").contains("      static: ReadMostlyExclusiveLock");
        StringWriter html = new StringWriter();
        ReportHtml.write(html, report);
        assertThat(html.toString()).contains("<li>static: ReadMostlyExclusiveLock at ");
    }

    @Test
    void groupsTheSidesOfAReadWriteLockAndFindsLockOrderCycles() {
        Snapshot.LockStats rw = lock(0, -1, "ReentrantReadWriteLock", "exclusive", "com.acme.Book.rw", 0, 0, 0, 0, 0,
                0, List.of());
        Snapshot.LockStats read = lock(1, 0, "ReentrantReadWriteLock", "read", null, 90, 0, 90, 0, 9_000, 0,
                List.of());
        Snapshot.LockStats write = lock(2, 0, "ReentrantReadWriteLock", "write", null, 10, 2, 0, 10, 1_000,
                2_000_000, List.of());
        Snapshot.LockStats a = lock(3, -1, "synchronized", "exclusive", "com.acme.A.lock", 5, 0, 0, 0, 500, 0,
                List.of());
        Snapshot.LockStats b = lock(4, -1, "synchronized", "exclusive", "com.acme.B.lock", 5, 0, 0, 0, 500, 0,
                List.of());
        List<Snapshot.EdgeStats> edges = List.of(new Snapshot.EdgeStats(3, 4, 2, -1, "t1"),
                new Snapshot.EdgeStats(4, 0, 1, -1, "t2"), new Snapshot.EdgeStats(0, 3, 1, -1, "t3"),
                new Snapshot.EdgeStats(3, 0, 1, -1, "t1"));

        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(List.of(), List.of(rw, read, write, a, b),
                edges));

        ProfileReport.LockRow book = report.locks().stream().filter(l -> l.label().equals("com.acme.Book.rw"))
                .findFirst().orElseThrow();
        assertThat(book.acquisitions()).isEqualTo(100);
        assertThat(book.readShare()).isEqualTo(0.9);
        assertThat(book.waitTime().totalNanos()).isEqualTo(2_000_000);
        assertThat(report.locks()).hasSize(3);

        assertThat(report.lockOrder().cycles()).singleElement().satisfies(cycle -> {
            assertThat(cycle.locks()).containsExactly("com.acme.Book.rw", "com.acme.A.lock");
            assertThat(cycle.edges()).extracting(ProfileReport.Edge::thread).containsExactly("t3", "t1");
        });
        assertThat(report.recommendations()).extracting(ProfileReport.Recommendation::kind)
                .containsExactly("lock-order-cycle");
    }

    @Test
    void instancesOfOneLabelAreNumberedByFirstAcquisitionEverywhere() {
        // Ids are given at first sight: id 0 was acquired first, though id 2 waited longest.
        Snapshot.LockStats first = lock(0, -1, "ReentrantLock", "exclusive", "com.acme.Phaser.readerLock", 10, 1, 0, 0,
                10, 1_000, List.of());
        Snapshot.LockStats other = lock(1, -1, "ReentrantLock", "exclusive", "com.acme.Other.lock", 10, 0, 0, 0, 10, 0,
                List.of());
        Snapshot.LockStats second = lock(2, -1, "ReentrantLock", "exclusive", "com.acme.Phaser.readerLock", 10, 5, 0, 0,
                10, 9_000_000, List.of());
        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(List.of(), List.of(first, other, second),
                List.of(new Snapshot.EdgeStats(2, 0, 1, -1, "t"))));

        assertThat(report.locks()).extracting(ProfileReport.LockRow::label).containsExactly(
                "com.acme.Phaser.readerLock#2", "com.acme.Phaser.readerLock#1", "com.acme.Other.lock");
        assertThat(report.lockOrder().edges()).singleElement().satisfies(edge -> {
            assertThat(edge.from()).isEqualTo("com.acme.Phaser.readerLock#2");
            assertThat(edge.to()).isEqualTo("com.acme.Phaser.readerLock#1");
        });
        StringWriter text = new StringWriter();
        ReportText.finalReport(new PrintWriter(text), report, 10);
        assertThat(text.toString()).contains(" 1. com.acme.Phaser.readerLock#2  [ReentrantLock, ReentrantLock@1236]");
        assertThat(ProfileReportBuilder.baseLabel("com.acme.Phaser.readerLock#12")).isEqualTo("com.acme.Phaser.readerLock");
        assertThat(ProfileReportBuilder.baseLabel("com.acme.Keyed.locks[PT1S]")).isEqualTo("com.acme.Keyed.locks[PT1S]");
    }

    @Test
    void collectedInstancesFoldedByTheAgentAreOneRetiredRowOutsideTheNumbering() {
        Snapshot.LockStats live = lock(3, -1, "ReentrantLock", "exclusive", "com.acme.Phaser.readerLock", 10, 0, 0, 0,
                10, 0, List.of());
        Snapshot.LockStats other = lock(4, -1, "ReentrantLock", "exclusive", "com.acme.Phaser.readerLock", 5, 0, 0, 0,
                5, 0, List.of());
        Snapshot.LockStats l = lock(5, -1, "ReentrantLock", "exclusive", "com.acme.Phaser.readerLock", 900, 2, 0, 0,
                900, 7_000, List.of());
        Snapshot.LockStats retired = new Snapshot.LockStats(l.id(), l.ownerId(), l.kind(), l.mode(), l.className(), 0,
                l.label(), l.labelSource(), l.acquisitions(), l.contended(), l.reads(), l.writes(), 0, 0, l.holdNanos(),
                l.waitNanos(), l.holds(), l.waits(), List.of(), List.of(), List.of(), List.of(), 90);
        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(List.of(), List.of(live, other, retired),
                List.of(new Snapshot.EdgeStats(3, 5, 4, -1, "t"))));

        assertThat(report.locks()).extracting(ProfileReport.LockRow::label).containsExactly(
                "com.acme.Phaser.readerLock#retired", "com.acme.Phaser.readerLock#1", "com.acme.Phaser.readerLock#2");
        assertThat(report.locks().get(0).acquisitions()).isEqualTo(900);
        assertThat(report.locks().get(0).instance()).isEqualTo("90 retired instances");
        assertThat(report.lockOrder().edges()).singleElement()
                .satisfies(edge -> assertThat(edge.to()).isEqualTo("com.acme.Phaser.readerLock#retired"));
        assertThat(ProfileReportBuilder.baseLabel("com.acme.Phaser.readerLock#retired"))
                .isEqualTo("com.acme.Phaser.readerLock");
    }

    @Test
    void anAcyclicOrderHasNoCycle() {
        Snapshot.LockStats a = lock(0, -1, "ReentrantLock", "exclusive", "A", 1, 0, 0, 0, 1, 0, List.of());
        Snapshot.LockStats b = lock(1, -1, "ReentrantLock", "exclusive", "B", 1, 0, 0, 0, 1, 0, List.of());
        Snapshot.LockStats c = lock(2, -1, "ReentrantLock", "exclusive", "C", 1, 0, 0, 0, 1, 0, List.of());
        List<Snapshot.EdgeStats> edges = List.of(new Snapshot.EdgeStats(0, 1, 1, -1, "t"),
                new Snapshot.EdgeStats(1, 2, 1, -1, "t"), new Snapshot.EdgeStats(0, 2, 1, -1, "t"));

        ProfileReport report = ProfileReportBuilder.build(TARGET, snapshot(List.of(), List.of(a, b, c), edges));

        assertThat(report.lockOrder().edges()).hasSize(3);
        assertThat(report.lockOrder().cycles()).isEmpty();
        assertThat(report.recommendations()).isEmpty();
    }

    @Test
    void carriesTheAttachTimingsIntoTheSessionJsonAndText() throws Exception {
        Snapshot.LockStats a = lock(0, -1, "ReentrantLock", "exclusive", "A", 1, 0, 0, 0, 1, 0, List.of());
        Snapshot data = snapshot(List.of(), List.of(a), List.of());

        ProfileReport timed = ProfileReportBuilder.build(TARGET, data, Duration.ofMillis(812), Duration.ofMillis(1034));
        assertThat(timed.session().attachNanos()).isEqualTo(812_000_000L);
        assertThat(timed.session().timeToFirstDataNanos()).isEqualTo(1_034_000_000L);
        JsonNode session = new ObjectMapper().valueToTree(timed).path("session");
        assertThat(session.path("attachNanos").asLong()).isEqualTo(812_000_000L);
        assertThat(session.path("timeToFirstDataNanos").asLong()).isEqualTo(1_034_000_000L);
        StringWriter text = new StringWriter();
        ReportText.finalReport(new PrintWriter(text), timed, 10);
        assertThat(text.toString()).contains("agent ready 812.0ms after the attach began; first data after 1034.0ms");

        ProfileReport noData = ProfileReportBuilder.build(TARGET, data, Duration.ofMillis(812), null);
        assertThat(new ObjectMapper().valueToTree(noData).path("session").path("timeToFirstDataNanos").isNull())
                .isTrue();
        StringWriter none = new StringWriter();
        ReportText.finalReport(new PrintWriter(none), noData, 10);
        assertThat(none.toString()).contains("first data after (none came)");

        StringWriter untimed = new StringWriter();
        ReportText.finalReport(new PrintWriter(untimed), ProfileReportBuilder.build(TARGET, data), 10);
        assertThat(untimed.toString()).doesNotContain("agent ready");
    }

    @Test
    void saysOnceWhenTheWaitsOfSynchronizedMethodsAreNotMeasured() throws Exception {
        Snapshot.LockStats a = lock(0, -1, "synchronized", "exclusive", "com.acme.Cache.this", 5, 0, 0, 0, 5, 0,
                List.of());
        Snapshot measured = snapshot(List.of(), List.of(a), List.of())
                .withSynchronizedMethodWaits(Snapshot.Counters.WAITS_FROM_JFR, 1_600_000_000L);
        Snapshot off = measured.withSynchronizedMethodWaits(Snapshot.Counters.WAITS_OFF, -1);
        Snapshot unavailable = measured.withSynchronizedMethodWaits(
                Snapshot.Counters.WAITS_UNAVAILABLE + "the jdk.jfr module is not in this JVM", -1);

        JsonNode session = new ObjectMapper().valueToTree(ProfileReportBuilder.build(TARGET, measured)).path("session");
        assertThat(session.path("synchronizedMethodWaits").asText()).isEqualTo("jfr");
        assertThat(session.path("synchronizedMethodWaitsFromNanos").asLong()).isEqualTo(1_600_000_000L);
        assertThat(text(measured)).containsOnlyOnce("waits of synchronized methods: from JFR, 1.6 s into the session"
                + " on (none seen before)").doesNotContain("not measured");
        assertThat(new ObjectMapper().valueToTree(ProfileReportBuilder.build(TARGET, off)).path("session")
                .path("synchronizedMethodWaitsFromNanos").isNull()).isTrue();
        assertThat(text(off)).containsOnlyOnce("note: waits of synchronized methods not measured (add --jfr to measure them);"
                + " their acquisitions and holds are measured" + System.lineSeparator());
        assertThat(text(unavailable)).containsOnlyOnce("note: waits of synchronized methods not measured"
                + " (unavailable: the jdk.jfr module is not in this JVM)");
        assertThat(text(snapshot(List.of(), List.of(a), List.of()))).doesNotContain("synchronized methods");
    }

    @Test
    void namesTheThreadsThatHeldALockWhileOthersWaited() {
        Snapshot.LockStats rw = lock(0, -1, "ReentrantReadWriteLock", "exclusive", "com.acme.Book.rw", 0, 0, 0, 0, 0,
                0, List.of());
        Snapshot.LockStats read = withHolders(lock(1, 0, "ReentrantReadWriteLock", "read", null, 90, 3, 90, 0, 9_000,
                3 * SECOND, List.of()), new Snapshot.ThreadWait("writer", new Snapshot.Tally(3, 3 * SECOND, SECOND)));
        Snapshot.LockStats write = withHolders(lock(2, 0, "ReentrantReadWriteLock", "write", null, 10, 1, 0, 10, 1_000,
                SECOND / 2, List.of()), new Snapshot.ThreadWait("writer", new Snapshot.Tally(1, SECOND / 2, SECOND / 2)));
        Snapshot snapshot = snapshot(List.of(), List.of(rw, read, write), List.of());

        ProfileReport.LockRow book = ProfileReportBuilder.build(TARGET, snapshot).locks().get(0);
        assertThat(book.holders()).singleElement().satisfies(holder -> {
            assertThat(holder.name()).isEqualTo("writer");
            assertThat(holder.waits()).isEqualTo(4);
            assertThat(holder.totalWaitNanos()).isEqualTo(3 * SECOND + SECOND / 2);
        });
        assertThat(text(snapshot)).contains("    held by (while others waited): writer (3500.0ms)");
        assertThat(text(snapshot(List.of(), List.of(lock(3, -1, "ReentrantLock", "exclusive", "com.acme.Quiet.lock", 5,
                0, 0, 0, 5, 0, List.of())), List.of()))).doesNotContain("held by");
    }

    @Test
    void aTopWaitSiteSaysWhoHeldTheLockWhereAndWithWhatStack() throws Exception {
        Snapshot.LockStats l = lock(0, -1, "synchronized", "exclusive", "com.acme.Cache.lock", 100, 5, 0, 0, 1_000,
                5 * SECOND, List.of());
        Snapshot.Tally most = new Snapshot.Tally(4, 4 * SECOND, 2 * SECOND);
        Snapshot.Tally less = new Snapshot.Tally(1, SECOND, SECOND);
        Snapshot.LockStats waited = new Snapshot.LockStats(l.id(), l.ownerId(), l.kind(), l.mode(), l.className(),
                l.identityHash(), l.label(), l.labelSource(), l.acquisitions(), l.contended(), l.reads(), l.writes(), 0,
                0, l.holdNanos(), l.waitNanos(), l.holds(), l.waits(),
                List.of(new Snapshot.SiteWait(7, new Snapshot.Tally(5, 5 * SECOND, 2 * SECOND))), List.of(), List.of(),
                List.of(new Snapshot.ThreadWait("worker-2", most, 7, "com.acme.Cache.put:17",
                        List.of("com.acme.Cache.put:18", "com.acme.Api.handle:40")),
                        new Snapshot.ThreadWait("worker-1", less, 7, "com.acme.Cache.get:30", List.of())));
        Snapshot snapshot = snapshot(List.of(site(7, "get", "com.acme.Cache.lock", false)), List.of(waited), List.of());

        ProfileReport.SiteRow site = ProfileReportBuilder.build(TARGET, snapshot).locks().get(0).topWaitSites().get(0);
        assertThat(site.heldBy()).isEqualTo("worker-2");
        assertThat(site.heldAt()).isEqualTo("com.acme.Cache.put:17");
        assertThat(site.holderStack()).containsExactly("com.acme.Cache.put:18", "com.acme.Api.handle:40");
        assertThat(text(snapshot)).contains("    waited at com.acme.Cache.get:17: 5 times, 5000.0ms total, max 2000.0ms\n"
                + "      held by thread worker-2 at com.acme.Cache.put:17\n"
                + "        at com.acme.Cache.put:18\n"
                + "        at com.acme.Api.handle:40\n");
        StringWriter html = new StringWriter();
        ReportHtml.write(html, ProfileReportBuilder.build(TARGET, snapshot));
        assertThat(html.toString()).contains("<td class=\"l\">com.acme.Cache.get:17</td>")
                .contains("thread worker-2 at com.acme.Cache.put:17<details><summary>holder's stack</summary>"
                        + "<pre>com.acme.Cache.put:18\ncom.acme.Api.handle:40\n</pre></details>");
    }

    private static Snapshot.LockStats withHolders(Snapshot.LockStats l, Snapshot.ThreadWait... holders) {
        return new Snapshot.LockStats(l.id(), l.ownerId(), l.kind(), l.mode(), l.className(), l.identityHash(),
                l.label(), l.labelSource(), l.acquisitions(), l.contended(), l.reads(), l.writes(), l.reentrant(),
                l.tryFailures(), l.holdNanos(), l.waitNanos(), l.holds(), l.waits(), l.waitSites(), l.waitThreads(),
                l.holdSites(), List.of(holders));
    }

    private static String text(Snapshot snapshot) {
        StringWriter text = new StringWriter();
        ReportText.finalReport(new PrintWriter(text), ProfileReportBuilder.build(TARGET, snapshot), 10);
        return text.toString();
    }
}
