package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Reporter;

class ReadMostlyExclusiveLockTest {
    private final RuleTester tester = RuleTester.of(new ReadMostlyExclusiveLock());

    private static final String TWO_READERS_ONE_WRITER = """
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.locks.ReentrantLock;
            class Prices {
                private final ReentrantLock lock = new ReentrantLock(); // %s
                private final Map<String, Double> prices = new HashMap<>();
                double price(String symbol) {
                    lock.lock();
                    try {
                        return prices.getOrDefault(symbol, 0.0);
                    } finally {
                        lock.unlock();
                    }
                }
                int size() {
                    lock.lock();
                    try {
                        return prices.size();
                    } finally {
                        lock.unlock();
                    }
                }
                void update(String symbol, double price) {
                    lock.lock();
                    try {
                        prices.put(symbol, price);
                    } finally {
                        lock.unlock();
                    }
                }
            }
            """;

    @Test
    void eightyPercentReadersAreReported() {
        var findings = tester.check("""
                package io.acme;
                import java.util.ArrayList;
                import java.util.List;
                class Book {
                    private final Object lock = new Object(); // expect: ReadMostlyExclusiveLock 4 of 5 critical sections on Book.lock only read
                    private final List<Long> orders = new ArrayList<>();
                    private long best;
                    long best() { synchronized (lock) { return best; } }
                    int depth() { synchronized (lock) { return orders.size(); } }
                    boolean has(long id) { synchronized (lock) { return orders.contains(id); } }
                    List<Long> snapshot() {
                        synchronized (lock) {
                            List<Long> copy = new ArrayList<>();
                            for (Long o : orders) {
                                copy.add(o);
                            }
                            return copy;
                        }
                    }
                    void add(long id) { synchronized (lock) { orders.add(id); best = Math.max(best, id); } }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "io.acme.Book.lock");
        assertThat(findings.get(0).message()).contains("writers: Book.add").contains("ReadWriteLock");
        assertThat(findings.get(0).related()).hasSize(5)
                .extracting(Reporter.RelatedLocation::message).contains("reader: Book.best", "writer: Book.add");
    }

    /**
     * jpedal's Vector_Int: a few synchronized getters over an array its other methods write without
     * any lock; the lock guards nothing, so a read lock would gain nothing either: silent.
     */
    @Test
    void stateAlsoWrittenWithoutTheLockIsNotGuardedByIt() {
        tester.check("""
                class IntVector {
                    private int[] items = new int[8];
                    private int current;
                    IntVector() { current = 0; }
                    synchronized int elementAt(int i) { return items[i]; }
                    synchronized int size() { return current; }
                    synchronized int capacity() { return items.length; }
                    synchronized void removeLast() { current = current - 1; }
                    void add(int value) {
                        items[current] = value;
                        current = current + 1;
                    }
                }
                """);
    }

    /** A volatile flag written without the lock on purpose leaves the lock guarding the map. */
    @Test
    void aVolatileFlagWrittenBareStillLeavesTheLockGuardingTheRest() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                class Catalog {
                    private final Map<String, String> tables = new HashMap<>();
                    private volatile boolean closed;
                    public synchronized String get(String n) { return closed ? null : tables.get(n); } // expect: ReadMostlyExclusiveLock
                    public synchronized boolean contains(String n) { return !closed && tables.containsKey(n); }
                    public synchronized int count() { return closed ? 0 : tables.size(); }
                    public synchronized void add(String t) { tables.put(t, t); }
                    public void close() { closed = true; }
                }
                """);
    }

    @Test
    void twoThirdsReadersStaySilentByDefault() {
        tester.check(TWO_READERS_ONE_WRITER.formatted(""));
    }

    @Test
    void theThresholdIsAnOption() {
        RuleTester.of(new ReadMostlyExclusiveLock()).options(Map.of("threshold", 0.6))
                .check(TWO_READERS_ONE_WRITER.formatted("expect: ReadMostlyExclusiveLock 2 of 3"));
    }

    @Test
    void aSectionCallingUnknownCodeKeepsTheLockSilent() {
        tester.check("""
                class Registry {
                    private long a;
                    private long b;
                    private Runnable hook;
                    synchronized long a() { return a; }
                    synchronized long b() { return b; }
                    synchronized long sum() { return a + b; }
                    synchronized long both() { return a * b; }
                    synchronized void set(long v) { a = v; hook.run(); }
                }
                """);
    }

    @Test
    void thisMonitorIsReportedAtTheFirstSynchronizedMember() {
        tester.check("""
                class Config {
                    private String host = "";
                    private int port;
                    synchronized String host() { return host; } // expect: ReadMostlyExclusiveLock StampedLock
                    synchronized int port() { return port; }
                    synchronized String address() { return host + ":" + port; }
                    synchronized void set(String h, int p) { host = h; port = p; }
                }
                """);
    }

    /** bookkeeper's coverage set stores into its array; activemq's entry list relinks its sentinel's fields. */
    @Test
    void storesIntoArraysAndOtherObjectsFieldsAreWrites() {
        tester.check("""
                class Coverage {
                    private final int[] covered = new int[8];
                    private final Node tail = new Node();
                    synchronized int at(int i) { return covered[i]; }
                    synchronized int first() { return covered[0]; }
                    synchronized int last() { return covered[7]; }
                    synchronized void add(int i, int rc) { covered[i] = rc; }
                    synchronized void clear() { tail.next = tail; }
                    synchronized void bump(int i) { covered[i]++; }
                    synchronized int sum() {
                        int[] copy = new int[8];
                        copy[0] = covered[0];
                        return copy[0];
                    }
                    static final class Node { Node next; }
                }
                """);
    }

    /** Pulsar's tracker: the Lock fields are the two views of a read/write lock made in the constructor. */
    @Test
    void aLockFieldAssignedAReadViewIsNoExclusiveLock() {
        tester.check("""
                import java.util.HashSet;
                import java.util.Set;
                import java.util.concurrent.locks.Lock;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class Tracker {
                    private final Lock readLock;
                    private final Lock writeLock;
                    private final Set<Long> ids = new HashSet<>();
                    Tracker() {
                        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                        this.readLock = rw.readLock();
                        this.writeLock = rw.writeLock();
                    }
                    boolean isEmpty() {
                        readLock.lock();
                        try {
                            return ids.isEmpty();
                        } finally {
                            readLock.unlock();
                        }
                    }
                    int size() {
                        readLock.lock();
                        try {
                            return ids.size();
                        } finally {
                            readLock.unlock();
                        }
                    }
                    void add(long id) {
                        writeLock.lock();
                        try {
                            ids.add(id);
                        } finally {
                            writeLock.unlock();
                        }
                    }
                }
                """);
    }

    /** vert.x's abstract connection base: its subclasses write under the same monitor in other files. */
    @Test
    void noWriterInSightIsNoReadMostlyLock() {
        tester.check("""
                abstract class ConnectionBase {
                    protected Object pending;
                    protected boolean closed;
                    void handleFrame(Object frame) {
                        synchronized (this) { if (pending != null) { return; } }
                    }
                    void close() {
                        synchronized (this) { if (closed) { return; } }
                    }
                }
                """);
    }

    /**
     * Ant's WorkerAnt, Hadoop's per-container getters, MINA's listener support: readers that each
     * read one plain field, or query a concurrent collection the lock does not guard, do no work a
     * read lock would let run in parallel: low.
     */
    @Test
    void readersOfOneFieldOrOfAConcurrentCollectionAreLow() {
        tester.check("""
                import java.util.Map;
                import java.util.concurrent.ConcurrentHashMap;
                class Worker {
                    private Throwable failure;
                    private boolean finished;
                    synchronized Throwable failure() { return failure; } // expect-low: ReadMostlyExclusiveLock 3 of 4
                    synchronized boolean finished() { return finished; }
                    synchronized boolean failed() { return failure != null; }
                    synchronized void done(Throwable t) { failure = t; finished = true; }
                }
                class Listeners {
                    private final Map<Long, Object> sessions = new ConcurrentHashMap<>();
                    private final Object lock = new Object(); // expect-low: ReadMostlyExclusiveLock
                    private boolean active;
                    boolean idle() { synchronized (lock) { return sessions.isEmpty(); } }
                    int count() { synchronized (lock) { return sessions.size(); } }
                    boolean has(long id) { synchronized (lock) { return sessions.containsKey(id); } }
                    void activate() { synchronized (lock) { active = true; } }
                }
                class Status {
                    private static final byte RUNNING = 1;
                    private static final byte FINISHED = 2;
                    private final Object statusLock = new Object(); // expect-low: ReadMostlyExclusiveLock
                    private byte status;
                    boolean isRunning() { synchronized (statusLock) { return status == RUNNING; } }
                    boolean isFinished() { synchronized (statusLock) { return status == FINISHED; } }
                    boolean isIdle() { synchronized (statusLock) { return status == 0; } }
                    void set(byte value) { synchronized (statusLock) { status = value; } }
                }
                """);
    }

    /** A statically imported call is other code: the lock is left alone. */
    @Test
    void aStaticCallOfUnknownTypeKeepsTheLockSilent() {
        tester.check("""
                import static org.acme.Checks.checkIndex;
                class Table {
                    private final int[] cells = new int[8];
                    private long a;
                    private long b;
                    synchronized long a() { return a; }
                    synchronized long b() { return b; }
                    synchronized long at(int i) { return cells[checkIndex(i)]; }
                    synchronized void set(long v) { a = v; b = v; }
                }
                """);
    }

    /**
     * NetBeans' FilesSet locks MultiDataObject's map, which that class locks too: a monitor taken
     * from elsewhere is not this class's to replace. One the class makes itself is reported.
     */
    @Test
    void aMonitorTakenFromAnotherObjectIsNotTheClassToReplace() {
        tester.check("""
                import java.util.*;
                class FilesSet {
                    private Map<String, Object> secondary;
                    FilesSet(Owner owner) {
                        secondary = owner.getSecondary();
                    }
                    int size() { synchronized (secondary) { return secondary.size(); } }
                    boolean has(String k) { synchronized (secondary) { return secondary.containsKey(k); } }
                    Object get(String k) { synchronized (secondary) { return secondary.get(k); } }
                    void put(String k) { synchronized (secondary) { secondary.put(k, k); } }
                }
                class OwnSet {
                    private Map<String, Object> entries; // expect: ReadMostlyExclusiveLock
                    OwnSet() {
                        entries = new HashMap<>();
                    }
                    int size() { synchronized (entries) { return entries.size(); } }
                    boolean has(String k) { synchronized (entries) { return entries.containsKey(k); } }
                    Object get(String k) { synchronized (entries) { return entries.get(k); } }
                    void put(String k) { synchronized (entries) { entries.put(k, k); } }
                }
                """);
    }
}
