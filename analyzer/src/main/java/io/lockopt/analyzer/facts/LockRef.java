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

    /** True when this and {@code other} pair for release purposes (same lock, same view). */
    public boolean pairsWith(LockRef other) {
        return lock.equals(other.lock) && view == other.view;
    }

    public boolean isMonitor() {
        return kind == null;
    }

    /** The label used in messages: {@code OrderBook.rw (read)}. */
    public String describe() {
        return view == LockView.EXCLUSIVE ? lock.shortName()
                : lock.shortName() + " (" + view.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
