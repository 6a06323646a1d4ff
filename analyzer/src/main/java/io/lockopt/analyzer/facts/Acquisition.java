package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * One place where a method takes a lock.
 *
 * @param node  the {@code synchronized} modifier or statement, the {@code lock()}-style call,
 *              or the try-with-resources handle expression
 * @param held  the sections already open when this one is taken (the lock-order edge source)
 * @param field the field the locked object is read from ({@code synchronized (lock)},
 *              {@code rw.readLock().lock()} -> {@code rw}), or {@code null}
 * @param targetType the qualified static type of the locked expression when known, else {@code null}
 */
public record Acquisition(MethodFacts method, LockRef lock, Kind kind, NodeRef<Node> nodeRef, HeldLocks held,
        FieldFacts field, String targetType) {

    /** The node of {@code nodeRef}: see the component. */
    public Node node() {
        return nodeRef.get();
    }

    public enum Kind {
        /** A {@code synchronized} method. */
        SYNCHRONIZED_METHOD,
        /** A {@code synchronized (x)} block. */
        SYNCHRONIZED_BLOCK,
        /** {@code lock()}. */
        LOCK,
        /** {@code lockInterruptibly()}. */
        LOCK_INTERRUPTIBLY,
        /** {@code tryLock()} without a timeout. */
        TRY_LOCK,
        /** {@code tryLock(time, unit)}. */
        TIMED_TRY_LOCK,
        /** {@code StampedLock.readLock()/writeLock()} and their interruptible forms. */
        STAMP,
        /** {@code StampedLock.tryReadLock()/tryWriteLock()}. */
        TRY_STAMP,
        /** {@code StampedLock.tryOptimisticRead()}: holds nothing until validated. */
        OPTIMISTIC_READ,
        /** A try-with-resources handle: of lockopt's lock library, or a helper of the file that takes a lock for its closer. */
        HANDLE;

        /** True for acquisitions that must be paired with an explicit release in the same method. */
        public boolean needsExplicitRelease() {
            return this == LOCK || this == LOCK_INTERRUPTIBLY || this == TRY_LOCK || this == TIMED_TRY_LOCK
                    || this == STAMP || this == TRY_STAMP;
        }

        /** True for acquisitions that may fail and report it through their result. */
        public boolean mayFail() {
            return this == TRY_LOCK || this == TIMED_TRY_LOCK || this == TRY_STAMP;
        }

        /** True when the acquisition waits until the lock is free. */
        public boolean blocksUntilAcquired() {
            return this == LOCK || this == LOCK_INTERRUPTIBLY || this == STAMP || this == HANDLE
                    || this == SYNCHRONIZED_BLOCK || this == SYNCHRONIZED_METHOD;
        }

        public boolean isMonitor() {
            return this == SYNCHRONIZED_METHOD || this == SYNCHRONIZED_BLOCK;
        }
    }

    /** The source line of the acquisition, for messages. */
    public int line() {
        return nodeRef.line();
    }
}
