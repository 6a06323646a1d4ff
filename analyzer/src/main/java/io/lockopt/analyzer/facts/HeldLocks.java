package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The critical sections open at a point of a method, innermost first. Immutable and shared
 * structurally (a cons list), so every event can keep its own snapshot at no copying cost.
 */
public final class HeldLocks {
    public static final HeldLocks NONE = new HeldLocks(null, null);

    private final CriticalSection top;
    private final HeldLocks rest;

    private HeldLocks(CriticalSection top, HeldLocks rest) {
        this.top = top;
        this.rest = rest;
    }

    HeldLocks push(CriticalSection section) {
        return new HeldLocks(section, this);
    }

    /** This stack without {@code section} (unchanged when it is not held). */
    HeldLocks without(CriticalSection section) {
        if (this == NONE) {
            return this;
        }
        if (top == section) {
            return rest;
        }
        HeldLocks tail = rest.without(section);
        return tail == rest ? this : new HeldLocks(top, tail);
    }

    /**
     * The sections of this stack that {@code other} holds too, in this stack's order: the same
     * section, or one on the same lock and view taken on the other path ({@code if (fast)
     * l.lock(); else { wait(); l.lock(); }} holds {@code l} after the merge either way; this
     * stack's section stands for both).
     */
    HeldLocks retainedIn(HeldLocks other) {
        if (this == other || this == NONE) {
            return this;
        }
        HeldLocks tail = rest.retainedIn(other);
        if (other.contains(top) || other.findPairing(top.lock()) != null) {
            return tail == rest ? this : new HeldLocks(top, tail);
        }
        return tail;
    }

    private boolean contains(CriticalSection section) {
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            if (h.top == section) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** The innermost open section, or {@code null}. */
    public CriticalSection innermost() {
        return top;
    }

    /** Open sections, innermost first. */
    public List<CriticalSection> sections() {
        if (this == NONE) {
            return List.of();
        }
        List<CriticalSection> out = new ArrayList<>();
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            out.add(h.top);
        }
        return Collections.unmodifiableList(out);
    }

    /** The innermost section on {@code lock} in any view, or {@code null}. */
    public CriticalSection find(LockId lock) {
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            if (h.top.lock().lock().equals(lock)) {
                return h.top;
            }
        }
        return null;
    }

    /** The innermost section on exactly {@code ref} (same lock, same view), or {@code null}. */
    public CriticalSection findPairing(LockRef ref) {
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            if (h.top.lock().pairsWith(ref)) {
                return h.top;
            }
        }
        return null;
    }

    /** The innermost section that is a {@code synchronized} monitor, or {@code null}. */
    public CriticalSection innermostMonitor() {
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            if (h.top.lock().isMonitor()) {
                return h.top;
            }
        }
        return null;
    }

    /** The innermost section on a lock other than {@code lock}, or {@code null}. */
    public CriticalSection innermostOtherThan(LockId lock) {
        for (HeldLocks h = this; h != NONE; h = h.rest) {
            if (!h.top.lock().lock().equals(lock)) {
                return h.top;
            }
        }
        return null;
    }
}
