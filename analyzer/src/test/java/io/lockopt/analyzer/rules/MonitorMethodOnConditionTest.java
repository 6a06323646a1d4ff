package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class MonitorMethodOnConditionTest {
    private final RuleTester tester = RuleTester.of(new MonitorMethodOnCondition());

    @Test
    void positive() {
        tester.check("""
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;

                class Queue {
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();
                    private final ReadWriteLock rw = new ReentrantReadWriteLock();
                    private boolean ready;

                    void take() throws InterruptedException {
                        lock.lock();
                        try {
                            while (!ready) {
                                notEmpty.wait(); // expect: MonitorMethodOnCondition await()
                                notEmpty.wait(10); // expect: MonitorMethodOnCondition
                            }
                        } finally {
                            lock.unlock();
                        }
                    }

                    void put() {
                        lock.lock();
                        try {
                            ready = true;
                            notEmpty.notify(); // expect: MonitorMethodOnCondition signal()
                            notEmpty.notifyAll(); // expect: MonitorMethodOnCondition signalAll()
                        } finally {
                            lock.unlock();
                        }
                    }

                    void onTheLock() throws InterruptedException {
                        synchronized (this) {
                            lock.notifyAll(); // expect: MonitorMethodOnCondition newCondition()
                            rw.notify(); // expect: MonitorMethodOnCondition
                            TimeUnit.SECONDS.timedWait(notEmpty, 1); // expect: MonitorMethodOnCondition
                        }
                    }

                    void local() throws InterruptedException {
                        Condition c = lock.newCondition();
                        c.wait(); // expect: MonitorMethodOnCondition
                    }
                }
                """);
    }

    /**
     * ServiceMix's OsgiLocator: the lock's monitor is waited on and notified, always holding it, a
     * signal channel beside the lock: low. A notify without the monitor stays high.
     */
    @Test
    void aLocksMonitorUsedAsItsOwnSignalChannelIsLow() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Locator {
                    private static ReadWriteLock lock = new ReentrantReadWriteLock();
                    private static final Lock other = new ReentrantLock();
                    static void register() {
                        lock.writeLock().lock();
                        try {
                            synchronized (lock) {
                                lock.notifyAll(); // expect-low: MonitorMethodOnCondition
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    static void locate() throws InterruptedException {
                        synchronized (lock) {
                            lock.wait(100); // expect-low: MonitorMethodOnCondition
                        }
                        synchronized (other) {
                            other.wait(100); // expect: MonitorMethodOnCondition
                        }
                        other.notifyAll(); // expect: MonitorMethodOnCondition
                    }
                    private final Lock held = new ReentrantLock();
                    void viaLock() throws InterruptedException {
                        held.lock();
                        try {
                            held.wait(); // expect: MonitorMethodOnCondition
                            held.notifyAll(); // expect: MonitorMethodOnCondition
                        } finally {
                            held.unlock();
                        }
                    }
                }
                """);
    }

    /** The condition's own methods, monitors of plain objects, unknown types, and synchronized (lock) (MonitorOnLockObject's). */
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
                            notEmpty.signal();
                            notEmpty.signalAll();
                        } finally {
                            lock.unlock();
                        }
                        synchronized (lock) {
                        }
                    }

                    void custom(com.example.Condition other) throws InterruptedException {
                        synchronized (other) {
                            other.wait();
                            other.notify();
                        }
                    }

                    synchronized void own() throws InterruptedException {
                        wait();
                        notifyAll();
                    }
                }
                """);
    }
    /**
     * JSAT's tree barrier: a loser waits on its node's monitor through a local taken from the
     * array, the winner notifies the node through the array, each holding that monitor: one
     * signal channel (low). A notify without the monitor keeps the wait high. (An array element is
     * not known to be a lock, so the notify itself is not reported.)
     */
    @Test
    void anArrayOfLocksUsedAsSignalChannelsIsLow() {
        String source = """
                import java.util.concurrent.locks.*;

                class TreeBarrier {
                    private final Lock[] locks = { new ReentrantLock(), new ReentrantLock() };
                    private volatile boolean flag;
                    void await(int id) throws InterruptedException {
                        final Lock node = locks[id];
                        if (node.tryLock()) {
                            synchronized (node) {
                                while (flag) {
                                    node.wait(); // %1$s: MonitorMethodOnCondition
                                }
                            }
                            node.unlock();
                        }
                    }
                    void wakeUp(int id) {
                        %2$s
                    }
                }
                """;
        tester.check(source.formatted("expect-low", """
                synchronized (locks[id]) {
                            locks[id].notify();
                        }"""));
        tester.check(source.formatted("expect", "locks[id].notify();"));
    }
}
