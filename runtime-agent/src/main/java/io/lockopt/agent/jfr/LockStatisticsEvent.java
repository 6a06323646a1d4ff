package io.lockopt.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One lock's statistics since the agent started, one event per lock every period (5 s unless
 * the recording's settings say otherwise). The percentiles are for a reader's eyes (JMC); the
 * two histogram fields carry the whole distributions, HdrHistogram's compressed encoding in
 * Base64, so {@code lockopt profile --jfr-file} rebuilds the same report the agent would give.
 */
@Name(LockStatisticsEvent.NAME)
@Label("Lock Statistics")
@Category({"lockopt", "Locks"})
@Description("Counters and wait/hold distributions of one lock measured by lockopt, since the agent started")
@Period("5 s")
@StackTrace(false)
public final class LockStatisticsEvent extends Event {
    public static final String NAME = "io.lockopt.LockStatistics";

    @Label("Lock Id")
    int lockId;

    @Label("Owner Id")
    @Description("The read/write lock this is a side of (-1: none)")
    int ownerId;

    @Label("Lock")
    String lockLabel;

    @Label("Label Source")
    String labelSource;

    @Label("Lock Class")
    String lockClass;

    @Label("Kind")
    String kind;

    @Label("Mode")
    String mode;

    @Label("Identity Hash")
    int identityHash;

    @Label("Retired Instances")
    @Description("0 for a live lock; else the figures are those of this many collected instances of the label")
    int retiredInstances;

    @Label("Snapshot")
    @Description("The agent's statistics snapshot this event belongs to: the last one names every lock still counted")
    long snapshot;

    @Label("Acquisitions")
    long acquisitions;

    @Label("Contended")
    long contended;

    @Label("Reads")
    long reads;

    @Label("Writes")
    long writes;

    @Label("Reentrant")
    long reentrant;

    @Label("Try Failures")
    long tryFailures;

    @Label("Total Wait")
    @Timespan(Timespan.NANOSECONDS)
    long waitTotal;

    @Label("Wait p50")
    @Timespan(Timespan.NANOSECONDS)
    long waitP50;

    @Label("Wait p99")
    @Timespan(Timespan.NANOSECONDS)
    long waitP99;

    @Label("Wait Max")
    @Timespan(Timespan.NANOSECONDS)
    long waitMax;

    @Label("Total Hold")
    @Timespan(Timespan.NANOSECONDS)
    long holdTotal;

    @Label("Hold p50")
    @Timespan(Timespan.NANOSECONDS)
    long holdP50;

    @Label("Hold p99")
    @Timespan(Timespan.NANOSECONDS)
    long holdP99;

    @Label("Hold Max")
    @Timespan(Timespan.NANOSECONDS)
    long holdMax;

    @Label("Wait Histogram")
    @Description("HdrHistogram, compressed, Base64 (empty: no waits)")
    String waitHistogram;

    @Label("Hold Histogram")
    @Description("HdrHistogram, compressed, Base64 (empty: no timed holds)")
    String holdHistogram;

    @Label("Holds by Site")
    @Description("Per acquiring site: class/method/line/count/totalNanos/maxNanos, entries separated by ';'")
    String holdSites;
}
