package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class LockInsideTryTest {
    private final RuleTester tester = RuleTester.of(new LockInsideTry());

    @Test
    void positive() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Book {
                    private final Lock lock = new ReentrantLock();
                    private final StampedLock sl = new StampedLock();
                    private int n;

                    void add() {
                        try {
                            lock.lock(); // expect-low: LockInsideTry immediately before the try
                            n++;
                        } finally {
                            lock.unlock();
                        }
                    }

                    void interruptibly() throws InterruptedException {
                        try {
                            n--;
                            lock.lockInterruptibly(); // expect: LockInsideTry
                        } finally {
                            lock.unlock();
                        }
                    }

                    void nested() {
                        try {
                            if (n > 0) {
                                lock.lock(); // expect: LockInsideTry
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Book {
                    private final Lock lock = new ReentrantLock();
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private int n;

                    void add() {
                        lock.lock();
                        try {
                            n++;
                        } finally {
                            lock.unlock();
                        }
                    }

                    void tryAdd() {
                        if (lock.tryLock()) {
                            try {
                                n++;
                            } finally {
                                lock.unlock();
                            }
                        }
                    }

                    void downgrade() {
                        rw.writeLock().lock();
                        try {
                            n++;
                            rw.readLock().lock();
                        } finally {
                            rw.writeLock().unlock();
                        }
                        try {
                            n--;
                        } finally {
                            rw.readLock().unlock();
                        }
                    }

                    void guardedRelease(ReentrantLock other) {
                        try {
                            other.lock();
                            n++;
                        } finally {
                            if (other.isHeldByCurrentThread()) {
                                other.unlock();
                            }
                        }
                    }

                    void otherLock(Lock other) {
                        try {
                            other.lock();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }

    /** commons-pool's read-to-write upgrade: the variable names another lock, the finally releases the one held. */
    @Test
    void swappingTheLockVariableInsideTheTryIsAnUpgrade() {
        tester.check("""
                import java.util.concurrent.locks.*;
                class Pool {
                    private final ReadWriteLock keyLock = new ReentrantReadWriteLock();
                    void register() {
                        Lock lock = keyLock.readLock();
                        lock.lock();
                        try {
                            lock.unlock();
                            lock = keyLock.writeLock();
                            lock.lock();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }

    /** ehcache's pool accessor re-locks in a finally after a temporary unlock; jgroups nests a well-formed pair. */
    @Test
    void reacquiringAfterATemporaryUnlockAndNestedPairsAreFine() {
        tester.check("""
                import java.util.concurrent.locks.*;
                class Accessor {
                    private final Lock lock = new ReentrantLock();
                    void add() {
                        lock.lock();
                        try {
                            lock.unlock();
                            try {
                                evict();
                            } finally {
                                lock.lock();
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                    void request() {
                        lock.lock();
                        try {
                            lock.lock();
                            try {
                                evict();
                            } finally {
                                lock.unlock();
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                    void wrong() {
                        try {
                            evict();
                            lock.lock(); // expect: LockInsideTry
                        } finally {
                            lock.unlock();
                        }
                    }
                    private void evict() {
                        if (Thread.interrupted()) throw new IllegalStateException("interrupted");
                    }
                }
                """);
    }

    /**
     * grizzly's StateHolder: write, then downgrade to read inside the try that releases the read lock
     * (UnreleasedLockTest checks the same source).
     */
    static final String STATE_HOLDER_DOWNGRADE = """
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class StateHolder {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private volatile Object state;
                    void setState(Object state) {
                        rw.writeLock().lock();
                        try {
                            this.state = state;
                            rw.readLock().lock(); // expect-low: LockInsideTry
                            rw.writeLock().unlock();
                            notifyListeners();
                        } finally {
                            rw.readLock().unlock();
                        }
                    }
                    void notifyListeners() {
                    }
                }
                """;

    @Test
    void theDowngradeIdiomWithAStateUpdateFirst() {
        tester.check(STATE_HOLDER_DOWNGRADE);
    }
    /** openejb's SimpleCache: the finally releases the tryLock taken before the try; the lock() inside is a second hold. */
    @Test
    void aSecondHoldTakenInsideTheTryOfTheFirstIsNotTheFinallysLock() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Cache {
                    static class Entry { final ReentrantLock lock = new ReentrantLock(); boolean stale; }
                    private final Lock cacheLock = new ReentrantLock();
                    void passivate(List<Entry> candidates, List<Entry> held) {
                        for (Entry entry : candidates) {
                            if (!entry.lock.tryLock()) {
                                continue;
                            }
                            try {
                                if (entry.stale) {
                                    entry.lock.lock();
                                    held.add(entry);
                                }
                            } finally {
                                entry.lock.unlock();
                            }
                        }
                    }
                    void wrong(Entry entry) {
                        try {
                            entry.stale = true;
                            cacheLock.lockInterruptibly(); // expect: LockInsideTry
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            cacheLock.unlock();
                        }
                    }
                }
                """);
    }
    /** Logging and another lock() before the acquisition cannot throw: style only, low. A call that can is not. */
    @Test
    void loggingOrAnotherLockBeforeItIsLow() {
        tester.check("""
                import java.util.concurrent.locks.*;
                import java.util.logging.Logger;
                class Access {
                    private static final Logger LOG = Logger.getLogger("a");
                    private final Lock a = new ReentrantLock();
                    private final Lock b = new ReentrantLock();
                    void logged(Object key) {
                        try {
                            final boolean debug = LOG.isLoggable(java.util.logging.Level.FINE);
                            if (debug) {
                                LOG.fine("caching " + key);
                            }
                            LOG.info("event " + key);
                            a.lock(); // expect-low: LockInsideTry
                            key.hashCode();
                        } finally {
                            a.unlock();
                        }
                    }
                    void both() {
                        try {
                            a.lock(); // expect-low: LockInsideTry
                            b.lock(); // expect-low: LockInsideTry
                        } finally {
                            b.unlock();
                            a.unlock();
                        }
                    }
                    void afterACall(Object key) {
                        try {
                            load(key);
                            a.lock(); // expect: LockInsideTry
                        } finally {
                            a.unlock();
                        }
                    }
                    // riak's addNodeStateListener, felix's getDictionaries: a collection add, new locals.
                    void afterTrivialStatements(java.util.List<Object> listeners, Object key) {
                        try {
                            final java.util.Set<String> seen = new java.util.HashSet<>();
                            listeners.add(key);
                            a.lock(); // expect-low: LockInsideTry
                        } finally {
                            a.unlock();
                        }
                    }
                    private void load(Object key) {
                        java.util.Objects.requireNonNull(key);
                    }
                    // A call before it that shows nothing that can throw: low.
                    void afterAQuietCall(Object key) {
                        try {
                            store(key);
                            a.lock(); // expect-low: LockInsideTry
                        } finally {
                            a.unlock();
                        }
                    }
                    private void store(Object key) { }
                }
                """);
    }

    /**
     * apacheds: {@code try { lockRead(); .. } finally { unlockRead(); }} through the class's own
     * wrappers of {@code lock()}: style, as with the plain call; an interruptible wrapper is not.
     */
    @Test
    void theClassesOwnUninterruptibleWrapperFirstInTheTryIsLow() {
        tester.check("""
                import java.util.concurrent.locks.*;
                class Operations {
                    private final ReadWriteLock rw = new ReentrantReadWriteLock();
                    public void lockRead() { rw.readLock().lock(); }
                    public void unlockRead() { rw.readLock().unlock(); }
                    public void lockWrite() throws InterruptedException { rw.writeLock().lockInterruptibly(); }
                    public void unlockWrite() { rw.writeLock().unlock(); }
                    Object lookup() {
                        try {
                            lockRead(); // expect-low: LockInsideTry
                            return find();
                        } finally {
                            unlockRead();
                        }
                    }
                    void change() throws InterruptedException {
                        try {
                            lockWrite(); // expect: LockInsideTry
                            find();
                        } finally {
                            unlockWrite();
                        }
                    }
                    private Object find() { return null; }
                }
                """);
    }

    /**
     * groovy's StampedCommonCache: inside the try, the read stamp is traded for a write stamp
     * ({@code unlockRead} then {@code writeLock}) and the finally unlocks whichever the variable
     * holds: no finding. A write stamp first taken inside the try is one.
     */
    @Test
    void aStampTradedInsideTheTryIsNoFirstAcquisition() {
        tester.check("""
                import java.util.concurrent.locks.StampedLock;
                class Cache {
                    private final StampedLock sl = new StampedLock();
                    private Object value;
                    Object get(java.util.function.Supplier<Object> load) {
                        long stamp = sl.readLock();
                        try {
                            if (value != null) {
                                return value;
                            }
                            sl.unlockRead(stamp);
                            stamp = sl.writeLock();
                            value = load.get();
                            return value;
                        } finally {
                            sl.unlock(stamp);
                        }
                    }
                    void set(Object v) {
                        long stamp = 0;
                        try {
                            check(v);
                            stamp = sl.writeLock(); // expect: LockInsideTry
                            value = v;
                        } finally {
                            sl.unlockWrite(stamp);
                        }
                    }
                    private static void check(Object v) { if (v == null) throw new IllegalArgumentException(); }
                }
                """);
    }

    /**
     * Micronaut's concurrent scope: the read lock is given up for the write lock inside the try and
     * taken back before the inner finally, so the outer finally releases a hold it has. A read lock
     * first taken inside a try whose finally releases it stays reported.
     */
    @Test
    void aReadLockTakenBackAfterAnUpgradeInsideTheTryIsNoFirstAcquisition() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                import java.util.concurrent.locks.Lock;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class Scope {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private final Lock r = rw.readLock();
                    private final Lock w = rw.writeLock();
                    private final Map<String, Object> beans = new HashMap<>();
                    Object getOrCreate(String id) {
                        r.lock();
                        try {
                            Object bean = beans.get(id);
                            if (bean != null) {
                                return bean;
                            }
                            r.unlock();
                            w.lock();
                            try {
                                bean = beans.computeIfAbsent(id, k -> new Object());
                                r.lock();
                                return bean;
                            } finally {
                                w.unlock();
                            }
                        } finally {
                            r.unlock();
                        }
                    }
                    Object peek(String id) {
                        try {
                            java.util.Objects.requireNonNull(id);
                            r.lock(); // expect: LockInsideTry
                            return beans.get(id);
                        } finally {
                            r.unlock();
                        }
                    }
                }
                """);
    }

    /**
     * The same {@code lock.lock();} twice in one block: the first is paired with a try of its own,
     * the second is not, and is told apart by position, not by text.
     */
    @Test
    void anIdenticalAcquisitionEarlierInTheBlockDoesNotPairTheLaterOne() {
        tester.check("""
                import java.util.concurrent.locks.ReentrantLock;

                class Jobs {
                    private final ReentrantLock lock = new ReentrantLock();

                    void run() {
                        step();
                        try {
                            step();
                            lock.lock();
                            try {
                                step();
                            } finally {
                                lock.unlock();
                            }
                            step();
                            lock.lock(); // expect-low: LockInsideTry
                            step();
                        } finally {
                            lock.unlock();
                        }
                    }

                    void step() {
                    }
                }
                """);
    }
}
