package io.lockopt.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One edge of the lock-order graph since the agent started: a thread acquired the lock
 * {@link #toLockId} while holding {@link #fromLockId}, {@link #count} times so far. Committed with
 * the {@code io.lockopt.LockStatistics} events, one per edge every period, so that
 * {@code lockopt profile --jfr-file} rebuilds the graph (and finds its cycles) as a live session
 * does. Lock ids are those of the statistics events; the site (from {@link SiteEventBase}) is
 * where the edge was first made.
 */
@Name(LockOrderEdgeEvent.NAME)
@Label("Lock Order Edge")
@Category({"lockopt", "Locks"})
@Description("A lock acquired while another was held, with the first site and thread that did it (lockopt)")
@StackTrace(false)
public final class LockOrderEdgeEvent extends SiteEventBase {
    public static final String NAME = "io.lockopt.LockOrderEdge";

    @Label("From Lock Id")
    @Description("The lock held")
    int fromLockId;

    @Label("To Lock Id")
    @Description("The lock acquired while it was held")
    int toLockId;

    @Label("Count")
    long count;

    @Label("First Thread")
    String firstThread;
}
