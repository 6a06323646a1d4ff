package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotifyInsteadOfNotifyAllTest {
    private final RuleTester tester = RuleTester.of(new NotifyInsteadOfNotifyAll());

    @Test
    void positive() {
        var findings = tester.check("""
                import java.util.concurrent.locks.*;

                class BoundedBuffer {
                    private final Object[] items = new Object[16];
                    private int count;
                    private final Lock lock = new ReentrantLock();
                    private final Condition changed = lock.newCondition();

                    synchronized void put(Object x) throws InterruptedException {
                        while (count == items.length) {
                            wait();
                        }
                        items[count++] = x;
                        notify(); // expect-low: NotifyInsteadOfNotifyAll notifyAll()
                    }

                    synchronized Object take() throws InterruptedException {
                        while (count == 0) {
                            wait();
                        }
                        Object x = items[--count];
                        notify(); // expect-low: NotifyInsteadOfNotifyAll
                        return x;
                    }

                    void putLocked(Object x) throws InterruptedException {
                        lock.lock();
                        try {
                            while (count == items.length) {
                                changed.await();
                            }
                            items[count++] = x;
                            changed.signal(); // expect-low: NotifyInsteadOfNotifyAll signalAll()
                        } finally {
                            lock.unlock();
                        }
                    }

                    Object takeLocked() throws InterruptedException {
                        lock.lock();
                        try {
                            while (count == 0) {
                                changed.await();
                            }
                            return items[--count];
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
        assertThat(findings.get(0).message()).contains("count == items.length").contains("count == 0");
        assertThat(findings).allSatisfy(f -> assertThat(f.properties()).containsEntry("untimedWaitersInSeveralMethods", "true"));
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class BoundedBuffer {
                    private final Object[] items = new Object[16];
                    private int count;
                    private final Lock lock = new ReentrantLock();
                    private final Condition notFull = lock.newCondition();
                    private final Condition notEmpty = lock.newCondition();
                    private boolean ready;

                    void put(Object x) throws InterruptedException {
                        lock.lock();
                        try {
                            while (count == items.length) {
                                notFull.await();
                            }
                            items[count++] = x;
                            notEmpty.signal();
                        } finally {
                            lock.unlock();
                        }
                    }

                    Object take() throws InterruptedException {
                        lock.lock();
                        try {
                            while (count == 0) {
                                notEmpty.await();
                            }
                            notFull.signal();
                            return items[--count];
                        } finally {
                            lock.unlock();
                        }
                    }

                    synchronized void awaitReady() throws InterruptedException {
                        while (!ready) {
                            wait();
                        }
                    }

                    synchronized void awaitReadyAgain() throws InterruptedException {
                        while (!ready) {
                            wait(100);
                        }
                    }

                    synchronized void markReady() {
                        ready = true;
                        notify();
                    }
                }
                """);
    }

    @Test
    void conditionWaitersOnOnePredicateInDifferentWords() {
        tester.check("""
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;

                class Deque {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();

                    Object takeFirst() throws InterruptedException {
                        lock.lock();
                        try {
                            Object x;
                            while ((x = unlinkFirst()) == null) {
                                notEmpty.await();
                            }
                            return x;
                        } finally {
                            lock.unlock();
                        }
                    }

                    Object pollLast(long timeout, TimeUnit unit) throws InterruptedException {
                        long nanos = unit.toNanos(timeout);
                        lock.lock();
                        try {
                            Object x;
                            while ((x = unlinkLast()) == null && nanos > 0) {
                                nanos = notEmpty.awaitNanos(nanos);
                            }
                            return x;
                        } finally {
                            lock.unlock();
                        }
                    }

                    void add() {
                        lock.lock();
                        try {
                            notEmpty.signal();
                        } finally {
                            lock.unlock();
                        }
                    }

                    Object unlinkFirst() {
                        return null;
                    }

                    Object unlinkLast() {
                        return null;
                    }
                }
                """);
    }

    /** ehcache's write-behind queue: both waits are branches of one processing thread's loop; kahadb's are timed. */
    @Test
    void waitsInOneMethodOrAllTimedAreLowConfidence() {
        tester.check("""
                class Queue {
                    private final Object lock = new Object();
                    private boolean delayed;
                    private int size;
                    void run() throws InterruptedException {
                        synchronized (lock) {
                            if (delayed) {
                                while (size < 10) {
                                    lock.wait();
                                }
                            } else {
                                while (size == 0) {
                                    lock.wait();
                                }
                            }
                        }
                    }
                    void add() {
                        synchronized (lock) {
                            size++;
                            lock.notify(); // expect-low: NotifyInsteadOfNotifyAll
                        }
                    }
                }
                class Writer {
                    private int pending;
                    synchronized void write() throws InterruptedException {
                        while (pending >= 8) {
                            wait(100);
                        }
                        pending++;
                        notify(); // expect-low: NotifyInsteadOfNotifyAll
                    }
                    synchronized void flush() throws InterruptedException {
                        while (pending == 0) {
                            wait(100);
                        }
                        pending = 0;
                    }
                }
                """);
    }
}
