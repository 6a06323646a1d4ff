package io.lockopt.agent.jmx;

import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

import io.lockopt.agent.wire.LockGroup;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

/**
 * The {@link LockMXBean} of one lock group (a lock, or a read/write lock with its sides),
 * identified by its id ({@link LockGroup#id}, the key of {@link io.lockopt.agent.wire.LockNames}). Reads
 * the shared snapshot on every call and takes the group's sums ({@link LockGroup}) once per snapshot.
 *
 * <p>Design notes. JMX calls arrive on any thread (RMI, attach, JConsole); {@link #figures} is
 * synchronized so that the cached {@link Figures} and the snapshot they came from change
 * together. Everything a getter returns comes from one immutable {@link Figures}.
 */
final class LockView implements LockMXBean {
    private final int headId;
    private final Supplier<Snapshot> statistics;
    private Snapshot summarized;
    private Figures figures;

    LockView(int headId, Supplier<Snapshot> statistics) {
        this.headId = headId;
        this.statistics = statistics;
    }

    /** A lock group's sums: the head and every side whose owner it is. */
    record Figures(String label, String kind, String lockClass, long acquisitions, long contended, long reads,
            long writes, long reentrant, long tryFailures, long waitTotal, long holdTotal, Histogram waits,
            Histogram holds, Side read, Side write) {
    }

    /** One side of a read/write lock with separate side objects (zeros: none). */
    record Side(long contended, long waitTotal, long waitP99, long holdP99) {
        static final Side NONE = new Side(0, 0, 0, 0);
    }

    private synchronized Figures figures() {
        Snapshot snapshot = statistics.get();
        if (snapshot != summarized) {
            figures = sum(snapshot);
            summarized = snapshot;
        }
        return figures;
    }

    private Figures sum(Snapshot snapshot) {
        LockGroup group = LockGroup.find(snapshot, headId);
        if (group == null) {
            return new Figures("?", "?", "?", 0, 0, 0, 0, 0, 0, 0, 0, new Histogram(2), new Histogram(2), Side.NONE,
                    Side.NONE);
        }
        Side read = Side.NONE;
        Side write = Side.NONE;
        for (Snapshot.LockStats lock : group.members()) {
            if (lock != group.head() && lock.mode() == LockMode.READ) {
                read = side(lock);
            } else if (lock != group.head() && lock.mode() == LockMode.WRITE) {
                write = side(lock);
            }
        }
        Snapshot.LockStats head = group.identity();
        return new Figures(head.label(), head.kindName(), head.className(), group.acquisitions(), group.contended(),
                group.reads(), group.writes(), group.reentrant(), group.tryFailures(), group.waitNanos(),
                group.holdNanos(), orEmpty(group.waits()), orEmpty(group.holds()), read, write);
    }

    private static Histogram orEmpty(Histogram histogram) {
        return histogram != null ? histogram : new Histogram(2);
    }

    private static Side side(Snapshot.LockStats lock) {
        return new Side(lock.contended(), lock.waitNanos(), percentile(lock.waits(), 99), percentile(lock.holds(), 99));
    }

    private static long percentile(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    @Override
    public String getLabel() {
        return figures().label();
    }

    @Override
    public String getKind() {
        return figures().kind();
    }

    @Override
    public String getLockClass() {
        return figures().lockClass();
    }

    @Override
    public long getAcquisitions() {
        return figures().acquisitions();
    }

    @Override
    public long getContended() {
        return figures().contended();
    }

    @Override
    public long getReads() {
        return figures().reads();
    }

    @Override
    public long getWrites() {
        return figures().writes();
    }

    @Override
    public long getReentrant() {
        return figures().reentrant();
    }

    @Override
    public long getTryFailures() {
        return figures().tryFailures();
    }

    @Override
    public long getWaitCount() {
        return figures().waits().getTotalCount();
    }

    @Override
    public long getWaitTotalNanos() {
        return figures().waitTotal();
    }

    @Override
    public long getWaitP50Nanos() {
        return percentile(figures().waits(), 50);
    }

    @Override
    public long getWaitP90Nanos() {
        return percentile(figures().waits(), 90);
    }

    @Override
    public long getWaitP99Nanos() {
        return percentile(figures().waits(), 99);
    }

    @Override
    public long getWaitMaxNanos() {
        Histogram waits = figures().waits();
        return waits.getTotalCount() == 0 ? 0 : waits.getMaxValue();
    }

    @Override
    public long getHoldCount() {
        return figures().holds().getTotalCount();
    }

    @Override
    public long getHoldTotalNanos() {
        return figures().holdTotal();
    }

    @Override
    public long getHoldP50Nanos() {
        return percentile(figures().holds(), 50);
    }

    @Override
    public long getHoldP90Nanos() {
        return percentile(figures().holds(), 90);
    }

    @Override
    public long getHoldP99Nanos() {
        return percentile(figures().holds(), 99);
    }

    @Override
    public long getHoldMaxNanos() {
        Histogram holds = figures().holds();
        return holds.getTotalCount() == 0 ? 0 : holds.getMaxValue();
    }

    @Override
    public long getReadContended() {
        return figures().read().contended();
    }

    @Override
    public long getReadWaitTotalNanos() {
        return figures().read().waitTotal();
    }

    @Override
    public long getReadWaitP99Nanos() {
        return figures().read().waitP99();
    }

    @Override
    public long getReadHoldP99Nanos() {
        return figures().read().holdP99();
    }

    @Override
    public long getWriteContended() {
        return figures().write().contended();
    }

    @Override
    public long getWriteWaitTotalNanos() {
        return figures().write().waitTotal();
    }

    @Override
    public long getWriteWaitP99Nanos() {
        return figures().write().waitP99();
    }

    @Override
    public long getWriteHoldP99Nanos() {
        return figures().write().holdP99();
    }
}
