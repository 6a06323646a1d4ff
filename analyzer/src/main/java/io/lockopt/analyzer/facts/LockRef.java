package io.lockopt.analyzer.facts;

/**
 * A lock as acquired or released: its identity plus the view taken. {@code lock} is the
 * identity for ordering; {@code (lock, view)} pairs acquisitions with releases.
 *
 * @param kind what the object is, or {@code null} for a plain monitor
 */
public record LockRef(LockId lock, LockView view, LockKind kind) {

    public static LockRef monitor(LockId id) {
        return new LockRef(id, LockView.EXCLUSIVE, null);
    }

    /**
     * True when this and {@code other} pair for release purposes: same lock, same view; or one is
     * a {@code StampedLock}'s mode-agnostic {@code unlock(stamp)} (no view of its own when the
     * stamp's mode is not known where it is called: a {@code finally} after a read stamp was
     * converted or traded for a write stamp, groovy's {@code StampedCommonCache}), which releases
     * either.
     */
    public boolean pairsWith(LockRef other) {
        return lock.equals(other.lock) && (view == other.view || anyStamp() || other.anyStamp());
    }

    private boolean anyStamp() {
        return kind == LockKind.STAMPED_LOCK && view == LockView.EXCLUSIVE;
    }

    public boolean isMonitor() {
        return kind == null;
    }

    /** The label used in messages: {@code OrderBook.rw (read)}. */
    public String describe() {
        return lock.shortName() + view.label();
    }
}
