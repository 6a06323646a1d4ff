package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class MonitorOnLockObjectTest {
    private final RuleTester tester = RuleTester.of(new MonitorOnLockObject());

    @Test
    void positive() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Queue {
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();
                    final ReadWriteLock rw = new ReentrantReadWriteLock();
                    final StampedLock sl = new StampedLock();

                    void run() throws InterruptedException {
                        synchronized (lock) { // expect: MonitorOnLockObject a Lock
                            lock.notifyAll(); // expect: MonitorMethodOnCondition
                        }
                        synchronized (notEmpty) { // expect: MonitorOnLockObject
                            notEmpty.wait(); // expect: MonitorMethodOnCondition await()
                            notEmpty.notify(); // expect: MonitorMethodOnCondition signal()
                        }
                        synchronized (rw) { // expect: MonitorOnLockObject
                        }
                        synchronized (sl) { // expect: MonitorOnLockObject
                        }
                        Lock local = new ReentrantLock();
                        synchronized (local) { // expect: MonitorOnLockObject
                        }
                    }
                }
                """);
    }

    /**
     * Cassandra Reaper's SegmentRunner: a {@code Condition} field made by a class of the sources
     * built on its own monitor is rightly locked with {@code synchronized}. The JDK's condition, or
     * a project class that does not use its monitor, stays reported.
     */
    @Test
    void aConditionBuiltOnItsOwnMonitorIsItsOwnLock() {
        tester.check("""
                import java.util.Date;
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;

                class Runner {
                    private final Condition condition = new SimpleCondition();
                    private final Condition delegating = new DelegatingCondition();
                    private final Lock simple = new SimpleLock();
                    void count() {
                        synchronized (simple) { // expect: MonitorOnLockObject
                        }
                    }
                    void countLocked() {
                        simple.lock();
                        simple.unlock();
                    }
                    void run() {
                        synchronized (condition) {
                            condition.signalAll();
                        }
                        synchronized (delegating) { // expect: MonitorOnLockObject
                            delegating.signalAll();
                        }
                    }
                }

                class SimpleCondition implements Condition {
                    private boolean set;
                    public synchronized void await() throws InterruptedException { while (!set) wait(); }
                    public void awaitUninterruptibly() { }
                    public long awaitNanos(long n) { return 0; }
                    public synchronized boolean await(long t, TimeUnit u) throws InterruptedException { wait(u.toMillis(t)); return set; }
                    public boolean awaitUntil(Date d) { return false; }
                    public void signal() { throw new UnsupportedOperationException(); }
                    public synchronized void signalAll() { set = true; notifyAll(); }
                }

                class SimpleLock implements Lock {
                    private boolean held;
                    public synchronized void lock() { held = true; }
                    public synchronized void unlock() { held = false; notifyAll(); }
                    public void lockInterruptibly() { }
                    public boolean tryLock() { return false; }
                    public boolean tryLock(long t, TimeUnit u) { return false; }
                    public Condition newCondition() { return null; }
                }

                class DelegatingCondition implements Condition {
                    private final Condition inner = new ReentrantLock().newCondition();
                    public void await() throws InterruptedException { inner.await(); }
                    public void awaitUninterruptibly() { }
                    public long awaitNanos(long n) { return 0; }
                    public boolean await(long t, TimeUnit u) { return false; }
                    public boolean awaitUntil(Date d) { return false; }
                    public void signal() { inner.signal(); }
                    public void signalAll() { inner.signalAll(); }
                }
                """);
    }

    /**
     * jppf's JPPFThreadPool: a private lock used only by synchronized blocks excludes consistently
     * (low); once a method calls lock() on it, the monitor excludes nobody there.
     */
    @Test
    void aPrivateLockUsedOnlyAsAMonitorIsLow() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Pool {
                    private final ReentrantLock mainLock = new ReentrantLock();
                    private final ReentrantLock workersLock = new ReentrantLock();

                    void submit() {
                        synchronized (mainLock) { // expect-low: MonitorOnLockObject (2 blocks in this file)
                        }
                        synchronized (this.mainLock) {
                        }
                        synchronized (workersLock) { // expect: MonitorOnLockObject
                        }
                    }

                    void shutdown() {
                        workersLock.lock();
                        workersLock.unlock();
                    }
                }
                """);
    }

    /** Narayana's StateManager locks its ReentrantLock's monitor in five methods: one finding, the rest related. */
    @Test
    void oneFindingPerLockAndFile() {
        var findings = tester.check("""
                import java.util.concurrent.locks.*;

                class State {
                    private final ReentrantLock mutex = new ReentrantLock();

                    void activate() {
                        synchronized (mutex) { // expect: MonitorOnLockObject (2 blocks in this file)
                        }
                    }

                    void deactivate() {
                        synchronized (mutex) {
                        }
                        mutex.lock();
                        mutex.unlock();
                    }
                }
                """);
        org.assertj.core.api.Assertions.assertThat(findings.get(0).related()).hasSize(1);
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Queue {
                    private final Object monitor = new Object();
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();

                    void run() throws InterruptedException {
                        synchronized (monitor) {
                            monitor.wait();
                            monitor.notifyAll();
                        }
                        lock.lock();
                        try {
                            notEmpty.await();
                            notEmpty.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }

                    void custom(com.example.Lock other) throws InterruptedException {
                        synchronized (other) {
                            other.wait();
                        }
                    }
                }
                """);
    }

    /**
     * ServiceMix's OsgiLocator: every block on the read/write lock's monitor only owns it to wait or
     * to notify, and the file both waits on and notifies it: a signal channel beside the lock that
     * excludes nothing on purpose, low. A block that also writes state under the monitor relies on
     * it to exclude, and a lock only notified (the first test's) signals nobody: high.
     */
    @Test
    void blocksThatOnlyWaitOrNotifyOnTheMonitorAreLow() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Locator {
                    private final ReadWriteLock lock = new ReentrantReadWriteLock();
                    private final ReentrantLock guard = new ReentrantLock();
                    private final Map<String, Object> factories = new HashMap<>();
                    void register(String id, Object factory) {
                        lock.writeLock().lock();
                        try {
                            factories.put(id, factory);
                            synchronized (lock) { // expect-low: MonitorOnLockObject
                                lock.notifyAll();
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    Object locate(String id, long timeout) {
                        synchronized (lock) {
                            try {
                                lock.wait(timeout);
                            } catch (InterruptedException e) {
                                return null;
                            }
                        }
                        return factories.get(id);
                    }
                    void add(String id) {
                        synchronized (guard) { // expect: MonitorOnLockObject
                            factories.put(id, id);
                            guard.notifyAll();
                        }
                    }
                }
                """);
    }
}
