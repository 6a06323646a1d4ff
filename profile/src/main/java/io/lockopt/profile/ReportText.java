package io.lockopt.profile;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.lockopt.agent.wire.Snapshot;

/** The terminal forms of a report: the live top-N table and the final ranked report. */
public final class ReportText {
    private static final int INSTANCE_LINES = 5;

    private ReportText() {
    }

    /** A compact table of the top locks so far, printed every interval. */
    public static void liveTable(PrintWriter out, ProfileReport report, int top) {
        out.printf(Locale.ROOT, "-- %s elapsed, %d locks seen --%n", seconds(report.session().durationNanos()),
                report.locks().size());
        out.printf(Locale.ROOT, "%-4s %-48s %-22s %10s %7s %10s %10s%n", "#", "LOCK", "KIND", "ACQ", "CONT%",
                "WAIT", "HOLD p99");
        for (ProfileReport.LockRow lock : report.locks().subList(0, Math.min(top, report.locks().size()))) {
            out.printf(Locale.ROOT, "%-4d %-48s %-22s %10d %6.1f%% %10s %10s%n", lock.rank(),
                    shorten(lock.label(), 48), shorten(lock.kind(), 22), lock.acquisitions(), lock.contendedPercent(),
                    duration(lock.waitTime().totalNanos()), duration(lock.holdTime().p99Nanos()));
        }
        out.flush();
    }

    public static void finalReport(PrintWriter out, ProfileReport report, int top) {
        ProfileReport.Session session = report.session();
        if (report.isMerged()) {
            out.printf(Locale.ROOT, "lockopt profile merge: %d profiles, %s profiled in all%n", report.sources().size(),
                    seconds(session.durationNanos()));
            for (ProfileReport.Source source : report.sources()) {
                out.printf(Locale.ROOT, "  %s: pid %d (%s, Java %s), %s from %s, ended: %s%n", source.file(),
                        source.pid(), source.mainClass(), source.javaVersion(), seconds(source.durationNanos()),
                        source.startedAt(), source.endReason());
            }
        } else {
            out.printf(Locale.ROOT, "lockopt profile: pid %d (%s, Java %s), %s, ended: %s%n", report.target().pid(),
                    report.target().mainClass(), report.target().javaVersion(), seconds(session.durationNanos()),
                    session.endReason());
        }
        out.printf(Locale.ROOT, "instrumented %d classes, %d call sites; %d locks acquired%n",
                session.classesInstrumented(), session.callSites(), report.locks().size());
        if (session.attachNanos() != null) {
            out.printf(Locale.ROOT, "agent ready %s after the attach began; first data after %s%n",
                    duration(session.attachNanos()), session.timeToFirstDataNanos() == null ? "(none came)"
                            : duration(session.timeToFirstDataNanos()));
        }
        if (session.untrackedLocks() > 0 || session.recorderErrors() > 0 || session.transformErrors() > 0) {
            out.printf(Locale.ROOT, "note: %d locks beyond the tracking limit, %d recorder errors, %d classes not"
                    + " transformed%n", session.untrackedLocks(), session.recorderErrors(), session.transformErrors());
        }
        String synchronizedWaits = session.synchronizedMethodWaits();
        if (Snapshot.Counters.WAITS_FROM_JFR.equals(synchronizedWaits)
                && session.synchronizedMethodWaitsFromNanos() != null) {
            out.printf(Locale.ROOT, "waits of synchronized methods: from JFR, %s into the session on (none seen"
                    + " before)%n", seconds(session.synchronizedMethodWaitsFromNanos()));
        } else if (synchronizedWaits != null && !Snapshot.Counters.WAITS_FROM_JFR.equals(synchronizedWaits)) {
            out.printf(Locale.ROOT, "note: waits of synchronized methods not measured (%s); their acquisitions"
                    + " and holds are measured%n", Snapshot.Counters.WAITS_OFF.equals(synchronizedWaits) ? "add --jfr to measure them"
                            : synchronizedWaits);
        }
        out.println();
        out.println("Locks by total wait time");
        List<ProfileReport.LockRow> shown = report.locks().subList(0, Math.min(top, report.locks().size()));
        if (shown.isEmpty()) {
            out.println("  (no lock was acquired at an instrumented call site)");
        }
        for (ProfileReport.LockRow lock : shown) {
            out.printf(Locale.ROOT, "%2d. %s  [%s, %s]%n", lock.rank(), lock.label(), lock.kind(), lock.instance());
            out.printf(Locale.ROOT, "    acquisitions %d, contended %d (%.1f%%)%s%n", lock.acquisitions(),
                    lock.contended(), lock.contendedPercent(), shares(lock));
            out.printf(Locale.ROOT, "    wait  total %-10s p50 %-9s p90 %-9s p99 %-9s max %s%n",
                    duration(lock.waitTime().totalNanos()), duration(lock.waitTime().p50Nanos()),
                    duration(lock.waitTime().p90Nanos()), duration(lock.waitTime().p99Nanos()),
                    duration(lock.waitTime().maxNanos()));
            out.printf(Locale.ROOT, "    hold  total %-10s p50 %-9s p90 %-9s p99 %-9s max %s%n",
                    duration(lock.holdTime().totalNanos()), duration(lock.holdTime().p50Nanos()),
                    duration(lock.holdTime().p90Nanos()), duration(lock.holdTime().p99Nanos()),
                    duration(lock.holdTime().maxNanos()));
            for (ProfileReport.SiteRow site : lock.topWaitSites()) {
                out.printf(Locale.ROOT, "    waited at %s: %d times, %s total, max %s%n", site.site(), site.waits(),
                        duration(site.totalWaitNanos()), duration(site.maxWaitNanos()));
                if (site.heldBy() != null) {
                    out.println("      held by thread " + site.heldBy()
                            + (site.heldAt() == null ? "" : " at " + site.heldAt()));
                    for (String frame : site.holderStack()) {
                        out.println("        at " + frame);
                    }
                }
            }
            instances(out, lock);
            if (!lock.threads().isEmpty()) {
                out.println("    waiting threads: " + threadList(lock.threads()));
            }
            if (!lock.holders().isEmpty()) {
                out.println("    held by (while others waited): " + threadList(lock.holders()));
            }
            for (ProfileReport.Recommendation advice : report.recommendations()) {
                if (advice.lock().equals(lock.label()) && advice.confidence() != null) {
                    out.printf(Locale.ROOT, "    advice: %s (%s confidence): %s%n", advice.kind(),
                            advice.confidence().level(), advice.message());
                    for (ProfileReport.StaticFinding finding : advice.staticFindings()) {
                        out.printf(Locale.ROOT, "    static: %s at %s: %s%n", finding.rule(), finding.location(),
                                finding.message());
                    }
                }
            }
        }
        out.println();
        if (report.lockOrder().cycles().isEmpty()) {
            out.printf(Locale.ROOT, "Lock order: %d edges, no cycles%n", report.lockOrder().edges().size());
        } else {
            out.printf(Locale.ROOT, "Lock order: %d edges, %d cycles (potential deadlocks)%n",
                    report.lockOrder().edges().size(), report.lockOrder().cycles().size());
            for (ProfileReport.Cycle cycle : report.lockOrder().cycles()) {
                out.println("  cycle: " + String.join(" -> ", cycle.locks()) + " -> " + cycle.locks().get(0));
                for (ProfileReport.Edge edge : cycle.edges()) {
                    out.printf(Locale.ROOT, "    %s -> %s first at %s by %s%n", edge.from(), edge.to(),
                            edge.site() == null ? "?" : edge.site(), edge.thread());
                }
            }
        }
        out.println();
        if (report.recommendations().isEmpty()) {
            out.println("Recommendations: none (no lock crossed a threshold)");
        } else {
            out.println("Recommendations");
            for (ProfileReport.Recommendation advice : report.recommendations()) {
                out.println("  * " + advice.lock() + ": " + advice.kind() + ": " + advice.message());
                for (String evidence : advice.evidence()) {
                    out.println("      - " + evidence);
                }
                if (advice.expectedGain() != null) {
                    out.printf(Locale.ROOT, "      expected: readers %.2fx, writers %.2fx (%s)%n",
                            advice.expectedGain().readers(), advice.expectedGain().writers(),
                            advice.expectedGain().basis());
                    out.printf(Locale.ROOT, "      confidence: %s (%s)%n", advice.confidence().level(),
                            advice.confidence().reason());
                }
                for (ProfileReport.StaticFinding finding : advice.staticFindings()) {
                    out.printf(Locale.ROOT, "      static: %s at %s: %s%n", finding.rule(), finding.location(),
                            finding.message());
                }
            }
        }
        out.flush();
    }

    /** A merged report's per-instance lines, busiest first, at most {@link #INSTANCE_LINES}. */
    private static void instances(PrintWriter out, ProfileReport.LockRow lock) {
        if (lock.instances() == null || lock.instances().size() < 2) {
            return;
        }
        List<ProfileReport.Instance> busiest = lock.instances().stream()
                .sorted(java.util.Comparator.comparingLong((ProfileReport.Instance i) -> i.waitTime().totalNanos())
                        .thenComparingLong(ProfileReport.Instance::acquisitions).reversed())
                .toList();
        for (ProfileReport.Instance instance : busiest.subList(0, Math.min(INSTANCE_LINES, busiest.size()))) {
            out.printf(Locale.ROOT, "    in %s (pid %d) %s: acquisitions %d, contended %d, wait total %s, hold p99 %s%n",
                    instance.source(), instance.pid(), instance.instance(), instance.acquisitions(),
                    instance.contended(), duration(instance.waitTime().totalNanos()),
                    duration(instance.holdTime().p99Nanos()));
        }
        if (busiest.size() > INSTANCE_LINES) {
            out.printf(Locale.ROOT, "    ... and %d more instances (all in the JSON report)%n",
                    busiest.size() - INSTANCE_LINES);
        }
    }

    /** {@code name (total wait), ...}. */
    private static String threadList(List<ProfileReport.ThreadRow> rows) {
        StringBuilder threads = new StringBuilder();
        for (ProfileReport.ThreadRow thread : rows) {
            threads.append(threads.length() == 0 ? "" : ", ").append(thread.name()).append(" (")
                    .append(duration(thread.totalWaitNanos())).append(')');
        }
        return threads.toString();
    }

    private static String shares(ProfileReport.LockRow lock) {
        StringBuilder text = new StringBuilder();
        if (lock.readShare() != null) {
            text.append(String.format(Locale.ROOT, ", reads %.1f%% (%d reads, %d writes)", 100 * lock.readShare(),
                    lock.reads(), lock.writes()));
        }
        if (lock.readOnlySectionShare() != null) {
            text.append(String.format(Locale.ROOT, ", read-only sections %.0f%%", 100 * lock.readOnlySectionShare()));
        }
        return text.toString();
    }

    static String duration(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
