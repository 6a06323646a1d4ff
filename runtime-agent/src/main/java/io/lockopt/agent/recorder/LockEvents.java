package io.lockopt.agent.recorder;

import io.lockopt.agent.wire.LockMode;

/**
 * Where the recorder tells single contended acquisitions and long holds as they end, for
 * exporters that want events rather than totals (JFR: {@code io.lockopt.agent.jfr.JfrLockEvents}).
 * Called on the application thread right after the release, outside the critical section,
 * and only on the recorder's slow path (a wait, a timed hold); implementations must never
 * throw and never block.
 */
public interface LockEvents {
    /** Records nothing: profile sessions, which report through snapshots. */
    LockEvents NONE = new LockEvents() {
        @Override
        public long heldThresholdNanos() {
            return Long.MAX_VALUE;
        }

        @Override
        public void contended(LockEvent lock, long waitNanos) {
        }

        @Override
        public void held(LockEvent lock, long holdNanos) {
        }
    };

    /** A timed hold at least this long is told to {@link #held}. */
    long heldThresholdNanos();

    /** An acquisition of {@code lock} waited {@code waitNanos} before it got the lock. */
    void contended(LockEvent lock, long waitNanos);

    /** {@code lock} was held {@code holdNanos} (a timed hold of at least {@link #heldThresholdNanos}). */
    void held(LockEvent lock, long holdNanos);

    /**
     * What an event says about the lock and the acquisition: the recorder's lock id, its label
     * (null: none), class and mode, where it
     * was acquired, and the thread that held it when the acquisition started waiting (null:
     * not known), where that thread had taken it ({@code Class.method:line}, null: not known) and
     * its stack sampled while it held it (innermost first, empty: not sampled).
     */
    record LockEvent(int lockId, String label, String lockClass, LockMode mode, String siteClass,
            String siteMethod, int siteLine, String holderThread, String holderSite,
            java.util.List<String> holderStack) {
    }
}
