package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Reporter;

class InconsistentLockingTest {
    private final RuleTester tester = RuleTester.of(new InconsistentLocking());

    @Test
    void writtenUnderALockAndReadWithoutIt() {
        var findings = tester.check("""
                package io.acme;
                class Account {
                    private final Object lock = new Object();
                    private long balance;
                    private long audits;
                    private final long id;
                    private volatile long version;
                    Account(long id) { this.id = id; balance = 0; }
                    void deposit(long amount) {
                        synchronized (lock) {
                            balance += amount;
                            version++;
                        }
                    }
                    long balance() {
                        return balance; // expect-low: InconsistentLocking Account.balance is guarded by Account.lock
                    }
                    long balanceAgain() { return balance; }
                    synchronized void audit() { audits++; }
                    long audits() { synchronized (this) { return audits; } }
                    long id() { return id; }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "io.acme.Account.lock");
        assertThat(findings.get(0).related()).extracting(Reporter.RelatedLocation::message)
                .containsExactly("written under Account.lock in deposit");
    }

    @Test
    void guardedByOnFieldsAndMethods() {
        tester.check("""
                import javax.annotation.concurrent.GuardedBy;
                class Book {
                    private final Object lock = new Object();
                    @GuardedBy("lock") private long best;
                    @com.google.errorprone.annotations.concurrent.GuardedBy("this") private int depth;
                    @net.jcip.annotations.GuardedBy(value = "lock") private String name = "";
                    Book() { best = 1; }
                    long best() { return best; } // expect: InconsistentLocking @GuardedBy(Book.lock)
                    synchronized int depth() { return depth; }
                    void grow() { depth++; } // expect: InconsistentLocking @GuardedBy(Book.this)
                    String name() { synchronized (lock) { return name; } }
                    @GuardedBy("lock")
                    void setBest(long value) { best = value; }
                    void update(long value) {
                        synchronized (lock) { setBest(value); }
                        setBest(value); // expect: InconsistentLocking setBest() is annotated @GuardedBy(Book.lock)
                    }
                }
                """);
    }

    @Test
    void privateMethodsCalledOnlyUnderTheLockAndValidatedOptimisticReadsCountAsGuarded() {
        tester.check("""
                import java.util.concurrent.locks.StampedLock;
                class Point {
                    private final StampedLock sl = new StampedLock();
                    private final Object lock = new Object();
                    private double x;
                    private long moves;
                    void move(double dx) {
                        long stamp = sl.writeLock();
                        try {
                            x += dx;
                        } finally {
                            sl.unlockWrite(stamp);
                        }
                    }
                    double read() {
                        long stamp = sl.tryOptimisticRead();
                        double current = x;
                        if (!sl.validate(stamp)) {
                            stamp = sl.readLock();
                            try {
                                current = x;
                            } finally {
                                sl.unlockRead(stamp);
                            }
                        }
                        return current;
                    }
                    void count() { synchronized (lock) { bump(); moves += 2; } }
                    private void bump() { moves++; }
                    private void leak() { moves = 0; } // expect-low: InconsistentLocking Point.moves
                    void reset() { leak(); }
                }
                """);
    }

    @Test
    void fieldsOnlyTouchedUnderOneLockOrInConstructorsAreSilent() {
        tester.check("""
                import java.util.concurrent.ConcurrentHashMap;
                class Cache {
                    private Object value;
                    private int size;
                    private ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
                    Cache() { size = 0; value = null; }
                    synchronized void put() { size++; value = new Object(); map = new ConcurrentHashMap<>(); }
                    synchronized int size() { return size; }
                    String get(String k) { return map.get(k); }
                }
                """);
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                class LockItself {
                    private List<String> orders = new ArrayList<>();
                    private static int active;
                    void add(String o) { synchronized (orders) { orders.add(o); } }
                    synchronized void open() { active++; }
                    static int active() { return active; }
                }
                """);
    }

    @Test
    void lockWrappersLambdasAndOtherObjectsMonitorsStaySilent() {
        tester.check("""
                import java.util.concurrent.locks.ReentrantLock;
                import javax.annotation.concurrent.GuardedBy;
                class Cache {
                    private final ReentrantLock evictionLock = new ReentrantLock();
                    private long size;
                    private Runnable task;
                    void lock() { evictionLock.lock(); }
                    void unlock() { evictionLock.unlock(); }
                    void put() {
                        evictionLock.lock();
                        try {
                            size++;
                            maintenance();
                        } finally {
                            evictionLock.unlock();
                        }
                    }
                    void clean() {
                        lock();
                        try {
                            size = 0;
                            maintenance();
                        } finally {
                            unlock();
                        }
                    }
                    void later() { task = () -> maintenance(); }
                    @GuardedBy("evictionLock")
                    void maintenance() { size--; }
                    void weigh(Node node) { synchronized (node) { node.weight(); } }
                }
                class Node {
                    @GuardedBy("this") int weight() { return 1; }
                }
                """);
    }
}
