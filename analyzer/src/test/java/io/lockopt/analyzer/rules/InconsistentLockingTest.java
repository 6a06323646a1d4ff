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
                        return balance; // expect-low: InconsistentLocking [evidence=weak] Account.balance is guarded by Account.lock
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

    /**
     * flink's AbstractAutoCloseableRegistry: {@code synchronized (getSynchronizationLock())} where the
     * final getter returns the lock field holds that field's monitor. An overridable getter may
     * return another object in a subclass: not taken for the field.
     */
    @Test
    void aFinalGetterOfTheLockFieldHoldsItsMonitor() {
        tester.check("""
                import javax.annotation.concurrent.GuardedBy;
                class Registry {
                    private final Object lock = new Object();
                    @GuardedBy("lock") private boolean closed;
                    protected final Object getSynchronizationLock() { return lock; }
                    protected Object overridableLock() { return lock; }
                    void register() { synchronized (getSynchronizationLock()) { if (!closed) { closed = false; } } }
                    void close() { synchronized (getSynchronizationLock()) { closed = true; } }
                    void reopen() { synchronized (overridableLock()) { closed = false; } } // expect: InconsistentLocking @GuardedBy(Registry.lock)
                }
                """);
    }

    /**
     * eXist's BrokerPools: {@code try (ManagedLock<?> l = ManagedLock.acquire(instancesLock, WRITE_LOCK))}
     * holds the write lock for the try block; a read mode guards reads only, and a write outside
     * any such try stays reported.
     */
    @Test
    void aLockAcquiredByAHandleInTryWithResourcesIsHeld() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                import javax.annotation.concurrent.GuardedBy;
                class Pools {
                    private static final ReentrantReadWriteLock instancesLock = new ReentrantReadWriteLock();
                    @GuardedBy("instancesLock") private static final Map<String, Object> instances = new HashMap<>();
                    static void remove(String name) {
                        try (ManagedLock<ReadWriteLock> writeLock = ManagedLock.acquire(instancesLock, LockMode.WRITE_LOCK)) {
                            instances.remove(name);
                        }
                    }
                    static Object get(String name) {
                        try (ManagedLock<ReadWriteLock> readLock = ManagedLock.acquire(instancesLock, LockMode.READ_LOCK)) {
                            return instances.get(name);
                        }
                    }
                    static void clear() {
                        instances.clear(); // expect: InconsistentLocking
                    }
                }
                """);
    }

    /**
     * Alluxio's {@code try (LockResource r = new LockResource(mStateLock))}: a closer whose type is
     * named for a lock, built on one lock of the class, holds that lock for the try block (held-out
     * sample 37). A resource of another kind built on the lock holds nothing.
     */
    @Test
    void aLockNamedCloserBuiltOnALockHoldsIt() {
        String source = """
                import java.util.concurrent.locks.ReentrantLock;
                import javax.annotation.concurrent.GuardedBy;
                class Applier {
                    private final ReentrantLock mStateLock = new ReentrantLock(true);
                    @GuardedBy("mStateLock") private boolean mSuspended;
                    void suspend() {
                        try (RESOURCE stateLock = new RESOURCE(mStateLock)) {
                            mSuspended = true; // MARK
                        }
                    }
                    boolean isSuspended() {
                        mStateLock.lock();
                        try {
                            return mSuspended;
                        } finally {
                            mStateLock.unlock();
                        }
                    }
                }
                """;
        tester.check(source.replace("RESOURCE", "LockResource").replace(" // MARK", ""));
        tester.check(source.replace("RESOURCE", "StateAudit").replace(" // MARK", " // expect: InconsistentLocking"));
        tester.check(source.replace("RESOURCE", "LockTimer").replace(" // MARK", " // expect: InconsistentLocking"));
        tester.check(source.replace("RESOURCE", "AutoLock").replace(" // MARK", ""));
        // marketcetera's CloseableLock.create(lock), locked inside the try: made by a static factory
        String factory = source.replace("new RESOURCE(mStateLock)) {", "RESOURCE.create(mStateLock)) {\n            stateLock.lock();");
        tester.check(factory.replace("RESOURCE", "CloseableLock").replace(" // MARK", ""));
        tester.check(factory.replace("RESOURCE", "StateAudit").replace(" // MARK", " // expect: InconsistentLocking"));
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
                    long best() { return best; } // expect-low: InconsistentLocking [evidence=annotated] @GuardedBy(Book.lock)
                    synchronized int depth() { return depth; }
                    void grow() { depth++; } // expect: InconsistentLocking @GuardedBy(Book.this)
                    String name() { synchronized (lock) { return name; } }
                    @GuardedBy("lock")
                    void setBest(long value) { best = value; }
                    void update(long value) {
                        synchronized (lock) { setBest(value); }
                        setBest(value); // expect-low: InconsistentLocking setBest() is annotated @GuardedBy(Book.lock)
                        recalculate(); // it takes the lock itself: the annotation is documentation
                    }
                    @GuardedBy("lock")
                    void recalculate() { synchronized (lock) { best = best + 1; } }
                }
                class Paperback extends Book {
                    void drain(long value) {
                        setBest(value); // expect-low: InconsistentLocking setBest() is annotated @GuardedBy(Book.lock)
                    }
                }
                """);
    }

    @Test
    void checkerFrameworkAndAndroidLockAnnotations() {
        tester.check("""
                import org.checkerframework.checker.lock.qual.GuardedBy;
                import org.checkerframework.checker.lock.qual.Holding;
                class Ledger {
                    private final Object lock = new Object();
                    @GuardedBy({"lock"}) private long total;
                    private int entries;
                    void add(long v) { synchronized (lock) { total += v; entries++; } }
                    void addTwice(long v) { synchronized (lock) { total += 2 * v; entries += 2; } }
                    @Holding("lock")
                    void reset() { total = 0; entries = 0; }
                    @Holding({"lock"})
                    long drain() { long t = total; total = 0; entries = 0; return t; }
                    void clear() { total = 0; } // expect: InconsistentLocking @GuardedBy(Ledger.lock)
                }
                """);
    }

    @Test
    void notThreadSafeAndImmutableClassesAreNotChecked() {
        tester.check("""
                import net.jcip.annotations.*;
                @NotThreadSafe
                class Cursor {
                    private int position;
                    private int limit;
                    synchronized void advance() { if (position < limit) position++; }
                    synchronized void skip(int n) { position += n; }
                    void rewind() { if (position > 0) position = 0; }
                    class View { int at() { return position; } }
                }
                @Immutable
                class Point {
                    private int x;
                    synchronized void normalise() { x = Math.abs(x); }
                    synchronized void clamp() { x = Math.min(x, 10); }
                    void move() { if (x > 0) x++; }
                }
                @ThreadSafe
                class Counter {
                    private int count;
                    synchronized void add() { count++; }
                    synchronized void sub() { count--; }
                    void reset() { if (count > 0) count = 0; } // expect-low: InconsistentLocking [evidence=strong] Counter.count
                }
                """);
    }

    /**
     * A {@code @GuardedBy} field of a class documented as not thread-safe is guarded by its owner's
     * lock around every call, not only by the one named: low. The same class without the sentence
     * stays high.
     */
    @Test
    void aGuardedByInAClassDocumentedAsNotThreadSafeIsLow() {
        tester.check("""
                import javax.annotation.concurrent.GuardedBy;

                /**
                 * Writer of one peer's table. An instance is attached to each peer.
                 * This class is NOT thread-safe.
                 */
                final class TableWriter {
                    @GuardedBy("this") private int submitted;
                    synchronized void submit() { submitted++; }
                    void release() { submitted = 0; } // expect-low: InconsistentLocking TableWriter.submitted
                }

                /** Writer of one peer's table. An instance is attached to each peer. */
                final class SharedWriter {
                    @GuardedBy("this") private int submitted;
                    synchronized void submit() { submitted++; }
                    void release() { submitted = 0; } // expect: InconsistentLocking SharedWriter.submitted
                }
                """);
    }

    /**
     * OpenDaylight's BGP policy registries (held-out sample 50, six findings judged debatable):
     * {@code @GuardedBy("this")} maps written only under their own monitor: the writers exclude
     * each other, by a discipline the annotation does not name: low. Written with no lock at all,
     * the annotated field's race is high.
     */
    @Test
    void annotatedMapsWrittenUnderTheirOwnMonitorAreLow() {
        tester.check("""
                import java.util.*;
                import javax.annotation.concurrent.GuardedBy;
                final class Registry {
                    @GuardedBy("this") private final Map<String, Object> policies = new HashMap<>();
                    @GuardedBy("this") private final Map<String, Object> actions = new HashMap<>();
                    void register(String key, Object policy) {
                        synchronized (policies) {
                            policies.put(key, policy); // expect-low: InconsistentLocking Registry.policies
                        }
                    }
                    synchronized Object policy(String key) { return policies.get(key); }
                    void registerAction(String key, Object action) {
                        actions.put(key, action); // expect: InconsistentLocking Registry.actions
                    }
                    synchronized Object action(String key) { return actions.get(key); }
                }
                """);
    }

    /** Lombok's {@code @Synchronized} locks a generated {@code $lock}, or the field it names. */
    @Test
    void lombokSynchronizedHoldsItsGeneratedLock() {
        tester.check("""
                import lombok.Synchronized;
                class Store {
                    private final Object readLock = new Object();
                    private int size;
                    private int hits;
                    private static int instances;
                    @Synchronized void add() { if (size < 10) size++; }
                    @Synchronized void remove() { if (size > 0) size--; }
                    void clear() { if (size > 0) size = 0; } // expect-low: InconsistentLocking [evidence=strong] Store.size is guarded by Store.$lock
                    @Synchronized("readLock") void hit() { hits++; }
                    @Synchronized("readLock") void miss() { hits--; }
                    int hits() { synchronized (readLock) { return hits; } }
                    @Synchronized static void created() { instances++; }
                    @Synchronized static void destroyed() { instances--; }
                }
                """);
        tester.check("""
                class NotLombok {
                    @interface Synchronized { }
                    private int size;
                    @Synchronized void add() { size++; }
                    @Synchronized void remove() { size--; }
                    void clear() { if (size > 0) size = 0; }
                }
                """);
    }

    /** A final, non-thread-safe collection: its contents change, so its mutations need the lock. */
    @Test
    void finalCollectionsMutatedWithAndWithoutTheLock() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.*;
                class Registry {
                    private final Object lock = new Object();
                    private final List<String> names = new ArrayList<>();
                    private final Map<String, String> cache = new ConcurrentHashMap<>();
                    private final Set<String> seen = new HashSet<>();
                    private final Set<String> handedIn;
                    Registry(Set<String> handedIn) { this.handedIn = handedIn; }
                    void add(String n) { synchronized (lock) { names.add(n); cache.put(n, n); seen.add(n); handedIn.add(n); } }
                    void addAll(List<String> ns) { synchronized (lock) { names.addAll(ns); seen.addAll(ns); handedIn.addAll(ns); } }
                    void removeAll(List<String> ns) { handedIn.removeAll(ns); }
                    void remove(String n) {
                        names.remove(n); // expect-low: InconsistentLocking [evidence=weak] Registry.names is guarded by Registry.lock
                        cache.remove(n);
                    }
                    int size() { return seen.size(); }
                    boolean has(String n) { return seen.contains(n); }
                }
                """);
    }

    /** Hadoop's habit: the two views of a constructor's local read/write lock kept in two fields. */
    @Test
    void viewFieldsAssignedInTheConstructorAreOneReadWriteLock() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Constraints {
                    private final ReentrantReadWriteLock.ReadLock readLock;
                    private final ReentrantReadWriteLock.WriteLock writeLock;
                    private final Lock otherRead;
                    private final Lock otherWrite;
                    private Map<String, String> byApp = new HashMap<>();
                    private Map<String, String> global = new HashMap<>();
                    Constraints() {
                        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                        readLock = lock.readLock();
                        writeLock = lock.writeLock();
                        ReentrantReadWriteLock other = new ReentrantReadWriteLock();
                        otherRead = other.readLock();
                        otherWrite = other.writeLock();
                    }
                    void register(String app, String c) {
                        writeLock.lock();
                        try { byApp.put(app, c); } finally { writeLock.unlock(); }
                    }
                    void unregister(String app) {
                        writeLock.lock();
                        try { byApp.remove(app); } finally { writeLock.unlock(); }
                    }
                    String get(String app) {
                        readLock.lock();
                        try { return byApp.get(app) == null ? null : byApp.get(app); } finally { readLock.unlock(); }
                    }
                    void addGlobal(String k, String c) {
                        otherWrite.lock();
                        try { global.put(k, c); } finally { otherWrite.unlock(); }
                    }
                    void removeGlobal(String k) {
                        otherWrite.lock();
                        try { global.remove(k); } finally { otherWrite.unlock(); }
                    }
                    String wrongLock(String k) {
                        readLock.lock();
                        try {
                            return global.get(k) == null ? null : global.get(k); // expect-low: InconsistentLocking [evidence=strong] Constraints.global is guarded by Constraints.other
                        } finally {
                            readLock.unlock();
                        }
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
                    private void leak() { moves = 0; } // expect-low: InconsistentLocking [evidence=weak] Point.moves
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

    /** etcd-java's watch client: @GuardedBy names the serializing executor the field is confined to, not a lock. */
    @Test
    void guardedByAnExecutorIsConfinementNotALock() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                import java.util.concurrent.Executor;
                import javax.annotation.concurrent.GuardedBy;
                class Watches {
                    private final Executor eventLoop;
                    private final Object lock = new Object();
                    @GuardedBy("eventLoop") private final List<String> active = new ArrayList<>();
                    @GuardedBy("executor") private final List<String> queued = new ArrayList<>();
                    private final Executor executor = Runnable::run;
                    void queue(String w) { synchronized (executor) { queued.add(w); } }
                    void drop() { queued.clear(); } // expect: InconsistentLocking [evidence=annotated] @GuardedBy(Watches.executor)
                    @GuardedBy("lock") private final List<String> pending = new ArrayList<>();
                    Watches(Executor eventLoop) { this.eventLoop = eventLoop; }
                    void add(String w) {
                        synchronized (this) { active.add(w); }
                        synchronized (lock) { pending.add(w); }
                    }
                    void failed() {
                        active.clear();
                        pending.clear(); // expect: InconsistentLocking [evidence=annotated] @GuardedBy(Watches.lock)
                    }
                }
                """);
    }

    /** Guava's Monitor (and shaded copies: VoltDB's ServiceManager, held-out sample 33) is a lock: enter() .. leave(). */
    @Test
    void guavaMonitorEnterAndLeaveHoldIt() {
        tester.check("""
                import com.google.common.util.concurrent.Monitor;
                import javax.annotation.concurrent.GuardedBy;
                import java.util.concurrent.TimeUnit;
                class Services {
                    private final Monitor monitor = new Monitor();
                    private final Monitor.Guard ready = new Monitor.Guard(monitor) {
                        @Override public boolean isSatisfied() { return started && limit > 0; // expect-low: InconsistentLocking
                        }
                    };
                    private final Monitor other = new Monitor();
                    private int limit;
                    synchronized void limit(int l) { limit = l; }
                    synchronized void lower() { limit--; }
                    @GuardedBy("monitor") private boolean started;
                    @GuardedBy("monitor") private int transitions;
                    void start() {
                        monitor.enter();
                        try {
                            started = true;
                            transitions++;
                        } finally {
                            monitor.leave();
                        }
                    }
                    void awaitStarted() throws InterruptedException {
                        monitor.enterWhen(ready);
                        try {
                            transitions++;
                        } finally {
                            monitor.leave();
                        }
                    }
                    boolean stop() {
                        if (monitor.enter(1, TimeUnit.SECONDS)) {
                            try {
                                started = false;
                            } finally {
                                monitor.leave();
                            }
                            return true;
                        }
                        return false;
                    }
                    void reset() {
                        transitions = 0; // expect: InconsistentLocking [evidence=annotated] @GuardedBy(Services.monitor)
                    }
                    boolean tryStart() {
                        boolean entered = monitor.tryEnter();
                        if (!entered) {
                            return false;
                        }
                        try {
                            started = true;
                        } finally {
                            monitor.leave();
                        }
                        return true;
                    }
                }
                """);
    }

    /**
     * Infinispan's persistence manager takes its StampedLock through one-line helpers that hand the
     * stamp over, and stops in a loop that ends only once tryAcquireWriteLock() succeeded.
     */
    @Test
    void stampWrappersHoldTheLockInTheirCallerAndASpinLoopEndsHoldingIt() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Queue;
                import java.util.concurrent.locks.StampedLock;
                class Stores {
                    private final StampedLock lock = new StampedLock();
                    private final Queue<Runnable> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
                    private List<String> stores = new ArrayList<>();
                    void add(String s) {
                        long stamp = acquireWriteLock();
                        try { stores.add(s); } finally { releaseWriteLock(stamp); }
                    }
                    int count() {
                        long stamp = acquireReadLock();
                        try { return stores.size(); } finally { releaseReadLock(stamp); }
                    }
                    void stop() {
                        long stamp;
                        Runnable task;
                        while ((task = pending.poll()) != null || (stamp = tryAcquireWriteLock()) == 0) {
                            if (task != null) task.run();
                        }
                        try {
                            stores = null;
                        } finally {
                            releaseWriteLock(stamp);
                        }
                    }
                    void reset() {
                        if (tryAcquireWriteLock() == 0) {
                            stores = new ArrayList<>(); // expect-low: InconsistentLocking
                        }
                    }
                    private long acquireReadLock() { return lock.readLock(); }
                    private long acquireWriteLock() { return lock.writeLock(); }
                    private long tryAcquireWriteLock() { return lock.tryWriteLock(); }
                    private void releaseReadLock(long stamp) { lock.unlockRead(stamp); }
                    private void releaseWriteLock(long stamp) { lock.unlockWrite(stamp); }
                }
                """);
    }

    /** Guava's cache segments extend ReentrantLock and lock themselves; @GuardedBy("this") names that lock. */
    @Test
    void aClassThatIsALockHoldsItselfWithItsOwnLockAndTryLock() {
        tester.check("""
                import java.util.concurrent.locks.ReentrantLock;
                import javax.annotation.concurrent.GuardedBy;
                class Segment extends ReentrantLock {
                    @GuardedBy("this") int count;
                    void put() {
                        lock();
                        try {
                            count++;
                        } finally {
                            unlock();
                        }
                    }
                    void cleanUp() {
                        if (tryLock()) {
                            try {
                                count = 0;
                            } finally {
                                unlock();
                            }
                        }
                    }
                    int racy() {
                        return count; // expect-low: InconsistentLocking [evidence=annotated] @GuardedBy(Segment.this)
                    }
                }
                """);
    }

    /** kafka's AbstractCoordinator: helpers whose every caller holds the lock, in this file or others. */
    @Test
    void methodsWhoseEveryCallerHoldsTheLockAreGuarded() {
        tester.checkFiles(java.util.Map.of("a/Coordinator.java", """
                package a;
                class Coordinator {
                    private int generation;
                    private int rejoins;
                    synchronized void initiateJoin() { sendJoin(); generation++; }
                    void sendJoin() { generation = generation + 1; }
                    synchronized void reset() { generation = 0; rejoins++; }
                    synchronized int rejoins() { return rejoins; }
                    void poll() {
                        if (rejoins > 0) { // expect-low: InconsistentLocking [evidence=strong] Coordinator.rejoins
                            rejoins--;
                        }
                    }
                    class Handler {
                        void onResponse() {
                            synchronized (Coordinator.this) { onJoinFollower(); }
                        }
                    }
                    private void onJoinFollower() { generation = 7; }
                }
                """, "a/Heartbeat.java", """
                package a;
                class Heartbeat {
                    private final Coordinator coordinator = new Coordinator();
                    void tick() {
                        synchronized (coordinator) { coordinator.sendJoin(); }
                    }
                }
                """));
    }

    @Test
    void lockHeldAssertionsInheritedGuardedByAndOwnObjectHooksAreGuarded() {
        tester.check("""
                import java.util.concurrent.locks.ReentrantLock;
                import javax.annotation.concurrent.GuardedBy;
                class Monitor {
                    private final ReentrantLock lock = new ReentrantLock();
                    private int waiters;
                    void enter() { lock.lock(); try { waiters++; waiters--; } finally { lock.unlock(); } }
                    void waitFor() {
                        if (!lock.isHeldByCurrentThread()) {
                            throw new IllegalMonitorStateException();
                        }
                        waiters = waiters + 1;
                    }
                    @Override public String toString() { return "waiters " + waiters + waiters; }
                    private void readObject(java.io.ObjectInputStream in) { waiters = waiters + 0; }
                    int waitersForTesting() { return waiters + waiters; }
                }
                abstract class Base {
                    final Object lock = new Object();
                    int drained;
                    @GuardedBy("lock") abstract void drain();
                    void run() { synchronized (lock) { drain(); drained++; drained++; } }
                }
                class Impl extends Base {
                    @Override void drain() { drained = drained + 1; }
                }
                """);
    }

    @Test
    void setUpBeforeAThreadStartsIsNoRace() {
        tester.check("""
                class Login {
                    private long expiry;
                    private Thread refresher;
                    void login() {
                        expiry = expiry + 10;
                        refresher = new Thread(this::refresh);
                        refresher.start();
                    }
                    private void refresh() { synchronized (this) { expiry = 1; expiry++; } }
                    synchronized void relogin() { expiry = 2; }
                    long remaining() {
                        return expiry - expiry / 2; // expect-low: InconsistentLocking [evidence=weak] Login.expiry
                    }
                }
                """);
    }

    /**
     * Only a check-then-act that a writer can invalidate (here: by setting null) or a poll in a
     * loop is high-confidence; a read-modify-write, a reference dereferenced twice while it is
     * replaced, and a torn read are low (on real code mostly ordered by means not seen here).
     */
    @Test
    void confidenceFollowsWhatTheUnguardedCodeDoesWithTheField() {
        tester.check("""
                class Transport {
                    private Object reconnector;
                    private boolean running;
                    private int failures;
                    private long first;
                    private long last;
                    synchronized void connect() { reconnector = new Object(); reconnector = null; }
                    synchronized void stop() { running = false; failures = 0; failures++; }
                    synchronized void record(long now) { first = now; last = now; }
                    synchronized int failures() { return failures; }
                    Object reconnector() {
                        return reconnector; // one finding per field: the check-then-act below
                    }
                    void send() {
                        if (reconnector != null) { // expect-low: InconsistentLocking [evidence=strong] Transport.reconnector
                            reconnector.hashCode();
                        }
                    }
                    void run() {
                        while (running) { // expect: InconsistentLocking [evidence=strong] spin forever
                            Thread.onSpinWait();
                        }
                    }
                    void fail() {
                        failures++; // expect-low: InconsistentLocking [evidence=weak] Transport.failures
                    }
                    long span() {
                        return last - first; // expect-low: InconsistentLocking [evidence=weak] Transport.first
                    }
                    void shutdown() {
                        first = last = 0;
                    }
                    private StringBuilder out = new StringBuilder();
                    synchronized void rotate() { out = new StringBuilder(); out.append(0); }
                    synchronized void write(int b) { out.append(b); }
                    void flush() {
                        out.append('\\n'); // expect-low: InconsistentLocking [evidence=weak] Transport.out
                        out.setLength(0);
                    }
                }
                """);
    }

    /** An accidental lock around one access (HikariCP's delegate) does not make it the guard. */
    @Test
    void aLockHeldAtAMinorityOfAccessesIsLowConfidence() {
        tester.check("""
                class Proxy {
                    private Object delegate;
                    synchronized void closeStatements() { delegate = null; delegate = new Object(); }
                    Object a() { return delegate == null ? null : delegate; } // expect-low: InconsistentLocking [evidence=weak] Proxy.delegate
                    Object b() { return delegate == null ? null : delegate; }
                    Object c() { return delegate == null ? null : delegate; }
                    void reset() { delegate = new Object(); }
                }
                """);
    }

    /** Netty's DefaultPromise: an anonymous class reads the captured parameter, not the field. */
    @Test
    void capturedLocalsShadowFieldsInAnonymousClasses() {
        tester.check("""
                class Promise {
                    private Object listener;
                    synchronized void add(Object l) { listener = l; listener = l; }
                    static void notifyLater(java.util.concurrent.Executor e, Promise p, Object listener) {
                        e.execute(new Runnable() {
                            public void run() { System.out.println(listener); System.out.println(listener); }
                        });
                    }
                }
                """);
    }

    /** A method call on a field that is not a plain java.util collection is no write to the field. */
    @Test
    void callsOnNonCollectionFieldsAreNoWrites() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;
                class Server {
                    private Database db = new Database();
                    private Map<String, String> beans = new ConcurrentHashMap<>();
                    private List<String> names = new ArrayList<>();
                    synchronized void kill() { db.clear(); db.clear(); beans.put("a", "b"); beans.remove("a"); names.add("x"); names.clear(); }
                    Object dump() { return db.toString() + db.hashCode() + beans.get("a") + beans.size(); }
                    int count() {
                        return names.size() + names.size(); // expect-low: InconsistentLocking [evidence=strong] Server.names
                    }
                }
                class Database { void clear() { } }
                class Registry {
                    private static final Map<String, Object> instances = new Hashtable<>();
                    private static final List<Object> all = new Vector<>();
                    static synchronized void destroy(String name) { instances.remove(name); all.remove(name); }
                    static synchronized void destroyAll() { instances.clear(); all.clear(); }
                    static void create(String name, Object o) { instances.put(name, o); all.add(o); }
                }
                class Client {
                    private Set<Object> active;
                    Client() { init(); }
                    private void init() { this.active = new java.util.concurrent.CopyOnWriteArraySet<>(); }
                    synchronized void open(Object p) { active.add(p); active.remove(p); }
                    synchronized void close() { active.clear(); }
                    int count() { return active.size() + active.size(); }
                }
                """);
    }

    /**
     * A method asserting that a lock is held counts as holding that lock only: rdf4j's B-tree
     * iterator asserts the tree's lock in its listener methods, which do not hold the iterator's
     * own monitor. Before, any such check counted as every lock held, so the listener's writes were
     * taken as evidence that the iterator's monitor guards the list. A check of the lock itself, or
     * of one that cannot be told apart (a getter), still counts.
     */
    @Test
    void aCheckThatAnotherLockIsHeldDoesNotHoldThisOne() {
        var findings = tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Tree {
                    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                }
                class Iter {
                    private final Tree tree;
                    private final LinkedList<Integer> stack = new LinkedList<>();
                    Iter(Tree tree) { this.tree = tree; }
                    void push(int i) { stack.add(i); } // expect-low: InconsistentLocking (1 access, e.g. in pop)
                    private synchronized boolean pop() { stack.removeLast(); return true; }
                    public void close() { synchronized (this) { while (pop()) { } } }
                    public void valueAdded(int i) { assert tree.lock.isWriteLockedByCurrentThread(); stack.set(0, i); }
                    public void nodeSplit() { assert tree.lock.isWriteLockedByCurrentThread(); stack.clear(); }
                }
                class Queue {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final List<String> items = new ArrayList<>();
                    void offer(String s) { lock.lock(); try { items.add(s); } finally { lock.unlock(); } }
                    void drain() { lock.lock(); try { items.clear(); } finally { lock.unlock(); } }
                    private void onFull() { assert lock.isHeldByCurrentThread(); items.remove(0); }
                    private void onEmpty() { assert getLock().isHeldByCurrentThread(); items.add("x"); }
                    private ReentrantLock getLock() { return lock; }
                }
                """);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.related())
                .extracting(Reporter.RelatedLocation::message).containsExactly("written under Iter.this in pop"));
    }

    /** ZooKeeper's election loop: the only writer is a synchronized setter the reading loop itself calls. */
    @Test
    void readsOnTheOnlyWritingThreadAreNoRace() {
        tester.check("""
                class Election {
                    private long proposedLeader;
                    private long proposedZxid;
                    synchronized void updateProposal(long leader, long zxid) { proposedLeader = leader; proposedZxid = zxid; }
                    synchronized long getVote() { return proposedLeader + proposedZxid; }
                    public void lookForLeader() {
                        updateProposal(1, 2);
                        send(proposedLeader, proposedZxid);
                        if (proposedLeader == proposedZxid) { send(0, 0); }
                    }
                    private void send(long a, long b) { }
                }
                """);
    }

    /**
     * A counted for loop that tests a field on the way is no polling loop; a while on a flag is (and
     * a loop that only spins on it is reported by default: see {@link #aBooleanFlagSpunOnWithoutVolatileIsReportedByDefault}).
     */
    @Test
    void onlyWhileAndDoConditionsPoll() {
        tester.check("""
                class Proxy {
                    private Object delegate = new Object();
                    private boolean running = true;
                    synchronized void close() { delegate = null; running = false; }
                    synchronized void open() { delegate = new Object(); running = true; }
                    int check(Exception e) {
                        int depth = 0;
                        for (; delegate != null && depth < 10; depth++) { } // expect-low: InconsistentLocking [evidence=weak] Proxy.delegate
                        return depth;
                    }
                    void serve() {
                        do { Thread.onSpinWait(); } while (running); // expect: InconsistentLocking [evidence=strong] spin forever
                    }
                }
                """);
    }

    /** hadoop's Compression: read right after a synchronized lazy initialisation in the same method. */
    @Test
    void readsAfterALockedInitialisationCallAreOrdered() {
        tester.check("""
                class Codec {
                    private Object codec;
                    private Object conf;
                    synchronized boolean isSupported() {
                        if (codec == null) { codec = new Object(); conf = codec; }
                        return codec != null;
                    }
                    synchronized void reset() { codec = null; conf = null; }
                    Object getCodec() {
                        if (!isSupported()) { return null; }
                        return codec != null ? codec : conf;
                    }
                    Object peek() {
                        return codec != null ? codec : null; // expect-low: InconsistentLocking [evidence=strong] Codec.codec
                    }
                }
                """);
    }

    /** A lambda caller proves a lock held only when it takes the lock around the call itself. */
    @Test
    void lambdaCallersCountOnlyWhenTheyHoldTheLock() {
        tester.check("""
                import java.util.concurrent.Executor;
                class Mutator {
                    private long buffered;
                    private long flushes;
                    synchronized void mutate(long size) { buffered += size; flushes = flushes + 1; flush(); }
                    void schedule(Executor timer) {
                        timer.execute(() -> { synchronized (Mutator.this) { flush(); } });
                    }
                    void flush() { buffered = buffered * 0; }
                    void stop(Executor timer) {
                        timer.execute(() -> drain());
                    }
                    void drain() {
                        flushes = flushes - flushes; // expect-low: InconsistentLocking [evidence=strong] Mutator.flushes
                    }
                    synchronized long flushes() { return flushes; }
                }
                """);
    }

    /** vert.x: a synchronized setter is no guard; a lazily created, never reset reference is low. */
    @Test
    void settersAloneAndSetOnceReferencesAreLowConfidence() {
        tester.check("""
                class Producer {
                    private Object options;
                    private Object headers;
                    synchronized void options(Object o) { this.options = o; }
                    Object send() {
                        return options != null ? options : new Object(); // expect-low: InconsistentLocking [evidence=weak] Producer.options
                    }
                    synchronized Object headers() {
                        if (headers == null) { headers = new Object(); }
                        return headers;
                    }
                    synchronized boolean hasHeaders() { return headers != null; }
                    Object peekHeaders() {
                        return headers != null ? headers : null; // expect-low: InconsistentLocking [evidence=weak] Producer.headers
                    }
                }
                """);
    }

    /**
     * A check only counts when the lock's writers can invalidate it: nulling the field (a null
     * check), replacing it (a type test), mutating its collection, or the unguarded method writing
     * it itself. A setting read twice, or a reference only ever set, is low.
     */
    @Test
    void aCheckThenActNeedsAWriterThatInvalidatesTheCheck() {
        tester.check("""
                import java.util.*;
                class Provider {
                    private Object archive;
                    private Object broker;
                    private String readFrom;
                    private Object scheduler;
                    private List<String> nodes = new ArrayList<>();
                    private int[] cache = new int[0];
                    synchronized void gc() { archive = null; }
                    synchronized void open() { archive = new Object(); }
                    synchronized void onBroker(Object b) { broker = b; }
                    synchronized Object broker() { return broker; }
                    synchronized void setReadFrom(String r) { readFrom = r; }
                    synchronized String readFrom() { return readFrom; }
                    synchronized void swap(Object s) { scheduler = s; notifyAll(); }
                    synchronized Object scheduler() { return scheduler; }
                    synchronized void setNodes(List<String> n) { nodes.clear(); nodes.addAll(n); }
                    synchronized int[] cache() { return cache; }
                    Object resource() {
                        if (archive == null) { // expect-low: InconsistentLocking [evidence=strong] Provider.archive
                            return null;
                        }
                        return archive.toString();
                    }
                    String brokerName() {
                        return broker == null ? null : broker.toString(); // expect-low: InconsistentLocking [evidence=weak] Provider.broker
                    }
                    String route() {
                        return readFrom.isEmpty() ? "master" : readFrom; // expect-low: InconsistentLocking [evidence=weak] Provider.readFrom
                    }
                    int level() {
                        return scheduler instanceof Comparable<?> ? 1 : scheduler.hashCode(); // expect-low: InconsistentLocking [evidence=strong] Provider.scheduler
                    }
                    String master() {
                        for (String n : nodes) { // expect-low: InconsistentLocking [evidence=strong] Provider.nodes
                            if (nodes.size() > 1) {
                                return n;
                            }
                        }
                        return null;
                    }
                    int[] chunk(int size) {
                        if (cache.length < size) { // expect-low: InconsistentLocking [evidence=strong] Provider.cache
                            synchronized (this) {
                                cache = new int[size];
                            }
                        }
                        return cache;
                    }
                }
                """);
    }

    /** activemq's topic store: the map comes from the class's own factory of synchronized maps. */
    @Test
    void aCollectionFromAFactoryOfSynchronizedCollectionsHasNoWrites() {
        tester.check("""
                import java.util.*;
                class Store {
                    private final Map<String, String> subscriptions;
                    private Map<String, String> plain = makePlain();
                    Store() { subscriptions = makeMap(); }
                    synchronized void add(String k) { subscriptions.put(k, k); plain.put(k, k); }
                    synchronized void remove(String k) { subscriptions.remove(k); plain.remove(k); }
                    Object[] all() {
                        return subscriptions.isEmpty() ? null : subscriptions.values().toArray();
                    }
                    Object[] allPlain() {
                        return plain.isEmpty() ? null : plain.values().toArray(); // expect-low: InconsistentLocking [evidence=strong] Store.plain
                    }
                    private static Map<String, String> makeMap() { return Collections.synchronizedMap(new HashMap<>()); }
                    private static Map<String, String> makePlain() { return new HashMap<>(); }
                }
                """);
    }

    /**
     * jetty's ServletHandler: mappings rebuilt under the lock only in start and stop, read lock-free
     * per request; hk2's descriptor: hashCode of an object built before it is hashed; a JMX getter.
     */
    @Test
    void locksHeldOnlyAtStartAndStopAndReportingReadersAreLowConfidence() {
        tester.check("""
                import java.util.*;
                class Handler {
                    private Map<String, String> mappings;
                    private Object session;
                    private String name;
                    synchronized void doStart() { mappings = new HashMap<>(); }
                    synchronized void doStop() { mappings = null; }
                    String route(String path) {
                        return mappings == null ? null : mappings.get(path); // expect-low: InconsistentLocking [evidence=weak] Handler.mappings
                    }
                    synchronized void bind() { session = new Object(); }
                    synchronized void unbind() { session = null; }
                    @ManagedAttribute
                    public String sessionName() {
                        return session == null ? "" : session.toString(); // expect-low: InconsistentLocking [evidence=weak] Handler.session
                    }
                    synchronized void rename(String n) { name = n; }
                    synchronized void clearName() { name = null; }
                    public int hashCode() {
                        return name == null ? 0 : name.hashCode(); // expect-low: InconsistentLocking [evidence=weak] Handler.name
                    }
                    @interface ManagedAttribute { }
                }
                """);
    }

    /**
     * A stop flag polled by a loop that synchronizes every turn costs one turn, not a hang (low), one
     * a loop only spins on can hang (high); a helper that only recursion and locked callers reach is
     * guarded (mina's receive_loop).
     */
    @Test
    void pollingLoopsThatSynchronizeEveryTurnAndRecursiveHelpersUnderTheLock() {
        tester.check("""
                class Verifier implements Runnable {
                    private boolean running;
                    private boolean spinning;
                    private int pending;
                    synchronized void start() { running = true; spinning = true; }
                    synchronized void stop() { running = false; spinning = false; }
                    synchronized void halt() { running = false; spinning = false; }
                    public void run() {
                        while (running) { // expect-low: InconsistentLocking [evidence=weak] Verifier.running
                            synchronized (this) {
                                pending = 0;
                            }
                        }
                        while (spinning) { // expect: InconsistentLocking [evidence=strong] spin forever
                            Thread.onSpinWait();
                        }
                    }
                    synchronized void receive() { loop(3); }
                    synchronized void fail() { loop(1); }
                    protected void loop(int n) {
                        if (n > 0) {
                            pending++;
                            loop(n - 1);
                        }
                    }
                }
                """);
    }

    /** infinispan's off-heap map: @GuardedBy("locks") names a striped lock; each access holds its stripe. */
    @Test
    void aStripeOfTheNamedStripedLockGuards() {
        tester.check("""
                import java.util.concurrent.locks.StampedLock;
                import net.jcip.annotations.GuardedBy;
                class Stripes {
                    private final StampedLock[] stripes = new StampedLock[16];
                    StampedLock getLockWithOffset(int i) { return stripes[i & 15]; }
                    void lockAll() { }
                    void unlockAll() { }
                }
                class OffHeapMap {
                    private final Stripes locks = new Stripes();
                    @GuardedBy("locks") private long[] memoryLookup = new long[16];
                    boolean touch(int hash) {
                        StampedLock stripe = locks.getLockWithOffset(hash);
                        long stamp = stripe.writeLock();
                        try {
                            return memoryLookup[hash & 15] != 0;
                        } finally {
                            stripe.unlockWrite(stamp);
                        }
                    }
                    long peek(int hash) {
                        return memoryLookup[hash & 15]; // expect-low: InconsistentLocking [evidence=annotated] @GuardedBy(OffHeapMap.locks)
                    }
                    void resize() {
                        locks.lockAll();
                        try {
                            memoryLookup = new long[32];
                        } finally {
                            locks.unlockAll();
                        }
                    }
                    @GuardedBy("locks#lockAll")
                    private void grow() {
                        memoryLookup = new long[64];
                    }
                }
                """);
    }
    /** flink's VertexThreadInfoTracker: a template hook overridden in a nested subclass, called only under the lock. */
    @Test
    void aNestedOverrideOfAHookCalledUnderTheLockHoldsIt() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                import javax.annotation.concurrent.GuardedBy;
                class Tracker {
                    private final Object lock = new Object();
                    @GuardedBy("lock")
                    private final Map<String, Object> pending = new HashMap<>();
                    private abstract class Callback implements java.util.function.Consumer<Object> {
                        protected abstract void doFinally();
                        @Override
                        public void accept(Object result) {
                            synchronized (lock) {
                                try {
                                    pending.put("last", result);
                                } finally {
                                    doFinally();
                                }
                            }
                        }
                    }
                    class VertexCallback extends Callback {
                        private final String key;
                        VertexCallback(String key) { this.key = key; }
                        @Override
                        protected void doFinally() {
                            pending.remove(key);
                        }
                    }
                    class TaskCallback extends Callback {
                        @Override
                        protected void doFinally() {
                            pending.clear();
                        }
                    }
                    void leak(String key) {
                        pending.remove(key); // expect: InconsistentLocking
                    }
                }
                """);
    }

    /**
     * A tree whose nodes lock their root: a synchronized method of the node holds its own monitor,
     * not the root's, though the guard field's type is the node's own class.
     */
    @Test
    void aNodesOwnMonitorIsNotItsRootsGuard() {
        tester.check("""
                import javax.annotation.concurrent.GuardedBy;
                class Node {
                    private final Node root;
                    @GuardedBy("root") private int version;
                    Node(Node parent) { root = parent == null ? this : parent.root; }
                    void bump() { synchronized (root) { version++; } }
                    int version() { return version; } // expect-low: InconsistentLocking @GuardedBy(Node.root)
                    synchronized String describe() { return "v" + version(); }
                }
                """);
    }

    /**
     * Permazen's Raft transactions: {@code @GuardedBy("raft")} fields read in accessors that only
     * synchronized methods of the database, the guard field's own type, call: they hold the guard.
     * An accessor some caller reaches without the database's monitor stays reported.
     */
    @Test
    void aCallerHoldingTheMonitorOfTheGuardFieldsTypeHoldsTheGuard() {
        tester.checkFiles(java.util.Map.of("io/acme/Tx.java", """
                package io.acme;
                import javax.annotation.concurrent.GuardedBy;
                class Tx {
                    final Database raft;
                    @GuardedBy("raft") private Object commitTimer;
                    @GuardedBy("raft") private long commitIndex;
                    Tx(Database raft) { this.raft = raft; }
                    Object getCommitTimer() { return commitTimer; }
                    void setCommitTimer(Object timer) {
                        synchronized (raft) {
                            commitTimer = timer;
                        }
                    }
                    long getCommitIndex() {
                        return commitIndex; // expect-low: InconsistentLocking @GuardedBy(Tx.raft)
                    }
                }
                """, "io/acme/Database.java", """
                package io.acme;
                class Database {
                    synchronized void cleanup(Tx tx) {
                        if (tx.getCommitTimer() != null) {
                            tx.setCommitTimer(null);
                        }
                        tx.getCommitIndex();
                    }
                    long peek(Tx tx) {
                        return tx.getCommitIndex();
                    }
                }
                """));
    }

    /**
     * ZOOKEEPER-1731's shape: a map removed from in a method whose every caller (in other classes)
     * holds a lock kept in a field of the receiver, and put into elsewhere without it. A method one
     * of whose callers does not hold the lock gives no guard.
     */
    @Test
    void aLockEveryCallerHoldsThroughTheReceiverGuards() {
        tester.checkFiles(java.util.Map.of("io/acme/Factory.java", """
                package io.acme;
                import java.util.*;
                abstract class Factory {
                    private final HashMap<Object, String> beans = new HashMap<>();
                    private final HashMap<Object, String> names = new HashMap<>();
                    protected final HashSet<Object> cnxns = new HashSet<>();
                    int count() {
                        synchronized (cnxns) {
                            return cnxns.size();
                        }
                    }
                    public void unregister(Object c) {
                        beans.remove(c);
                    }
                    public void register(Object c) {
                        beans.put(c, "bean"); // expect-low: InconsistentLocking Factory.beans is guarded by Factory.cnxns
                    }
                    public void forget(Object c) {
                        names.remove(c);
                    }
                    public void name(Object c) {
                        names.put(c, "name");
                    }
                }
                """, "io/acme/Cnxn.java", """
                package io.acme;
                class Cnxn {
                    private Factory factory;
                    void close() {
                        synchronized (factory.cnxns) {
                            if (!factory.cnxns.remove(this)) {
                                return;
                            }
                            factory.unregister(this);
                            factory.forget(this);
                        }
                    }
                    void abort() {
                        factory.forget(this);
                    }
                }
                """, "io/acme/Server.java", """
                package io.acme;
                class Server {
                    private Factory factory;
                    void finish(Object c) {
                        factory.register(c);
                        factory.name(c);
                    }
                }
                """));
    }

    /**
     * JMeter's AbstractTestElement: {@code try (ResourceLock ignored = writeLock())} where the
     * class's own helper takes the write lock (through a static helper it delegates to) and
     * returns the closer that releases it: the try block holds the lock. A try on a helper that
     * takes nothing guards nothing.
     */
    @Test
    void aTryWithResourcesOnAHelperThatTakesTheLockForItsCloserHoldsIt() {
        tester.check("""
                import java.util.HashSet;
                import java.util.Set;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                import javax.annotation.concurrent.GuardedBy;
                class Element {
                %s
                    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                    private final Closer readUnlock = lock.readLock()::unlock;
                    @GuardedBy("lock") private Set<String> temporary;
                    private Closer writeLock() {
                        return Closer.releaseWrite(lock);
                    }
                    private Closer readLock() {
                        lock.readLock().lock();
                        return readUnlock;
                    }
                    private Closer nothing() {
                        return () -> { };
                    }
                    void clear(String p) {
                        try (Closer ignored = writeLock()) {
                            if (temporary != null) {
                                temporary.remove(p);
                            }
                        }
                    }
                    boolean has(String p) {
                        try (Closer ignored = readLock()) {
                            return temporary != null && temporary.contains(p);
                        }
                    }
                    void add(String p) {
                        try (Closer ignored = writeLock()) {
                            if (temporary == null) {
                                temporary = new HashSet<>();
                            }
                            temporary.add(p);
                        }
                    }
                    int size() {
                        try (Closer ignored = nothing()) {
                            return temporary.size(); // expect-low: InconsistentLocking
                        }
                    }
                }
                """.formatted(ClosingLockFixture.CLOSER));
    }

    /**
     * Fluss' partition manager: {@code inLock(lock, () -> doAutoPartition(..))} runs the lambda
     * holding {@code lock} (a runner of another module, not analyzed), so the private method it
     * calls writes the guarded map with the lock held. A write outside any runner stays reported.
     */
    @Test
    void aLambdaRunByALockRunnerHoldsItsLock() {
        tester.check("""
                import static org.acme.utils.LockUtils.inLock;
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;
                import javax.annotation.concurrent.GuardedBy;
                class Partitions {
                    private final Lock lock = new ReentrantLock();
                    @GuardedBy("lock") private final Map<Long, String> byTable = new HashMap<>();
                    void add(long id, String name) {
                        inLock(lock, () -> byTable.put(id, name));
                    }
                    void refresh(long id) {
                        inLock(lock, () -> { update(id); });
                    }
                    private void update(long id) {
                        byTable.put(id, "x");
                    }
                    void drop(long id) {
                        byTable.remove(id); // expect: InconsistentLocking @GuardedBy(Partitions.lock)
                    }
                }
                """);
    }

    /**
     * Narayana's {@code BasicAction} locks {@code synchronizationLock}, a field {@code StateManager}
     * (another file) declares: the subclass's {@code lock.lock()} holds the superclass's lock, so
     * what it writes there is guarded by it, and its own field written without it is the race. A
     * name the subclass declares, a local, or a static import is no inherited lock.
     */
    @Test
    void aLockFieldInheritedFromASuperclassInAnotherFileIsHeld() {
        tester.checkFiles(java.util.Map.of("io/acme/Base.java", """
                package io.acme;
                import java.util.concurrent.locks.ReentrantLock;
                public abstract class Base {
                    protected final ReentrantLock lock = new ReentrantLock();
                    protected int count;
                    protected void bump() {
                        lock.lock();
                        try { count++; } finally { lock.unlock(); }
                    }
                }
                """, "io/acme/Sub.java", """
                package io.acme;
                import java.util.ArrayList;
                import java.util.List;
                import javax.annotation.concurrent.GuardedBy;
                public class Sub extends Base {
                    private final List<String> items = new ArrayList<>();
                    @GuardedBy("lock") private int size;
                    public void add(String s) {
                        lock.lock();
                        try { items.add(s); size++; count++; } finally { lock.unlock(); }
                    }
                    public void remove(String s) {
                        this.lock.lock();
                        try { items.remove(s); size--; count--; } finally { this.lock.unlock(); }
                    }
                    public void clear() {
                        super.lock.lock();
                        try { items.clear(); size = 0; } finally { super.lock.unlock(); }
                    }
                    public void sneak(String s) {
                        items.add(s); // expect-low: InconsistentLocking Sub.items
                    }
                    public void grow() {
                        size++; // expect: InconsistentLocking Sub.size
                    }
                    class Worker implements Runnable {
                        public void run() {
                            lock.lock();
                            try { size++; count++; } finally { lock.unlock(); }
                        }
                    }
                }
                """, "io/acme/Other.java", """
                package io.acme;
                import java.util.concurrent.locks.ReentrantLock;
                public class Other extends Base {
                    private int hits;
                    void a(ReentrantLock lock) { lock.lock(); try { hits++; } finally { lock.unlock(); } }
                    void b(ReentrantLock lock) { lock.lock(); try { hits++; } finally { lock.unlock(); } }
                    void c() { hits = 0; }
                }
                """));
    }

    /**
     * {@code synchronized (mutex)} on a field a superclass in another file declares is one lock in
     * every method of the subclass (it was a different, unknown monitor per method), so the field
     * written under it in three methods and without it in a fourth is reported, like the same code
     * locking a field of its own. When two classes on the way out extend classes of other files
     * (df4j's subscription, a {@code LinkImpl}, inside a port), which one declares the name is
     * not guessed: it stays an unknown monitor per method, as before.
     */
    @Test
    void aMonitorFieldInheritedFromASuperclassInAnotherFileIsOneLock() {
        tester.checkFiles(java.util.Map.of("io/acme/Base.java", """
                package io.acme;
                public abstract class Base {
                    protected final Object mutex = new Object();
                }
                """, "io/acme/Sub.java", """
                package io.acme;
                import javax.annotation.concurrent.GuardedBy;
                public class Sub extends Base {
                    @GuardedBy("mutex") private int size;
                    private int hits;
                    public void add() { synchronized (mutex) { size++; hits++; } }
                    public void remove() { synchronized (this.mutex) { size--; hits++; } }
                    public void clear() { synchronized (super.mutex) { size = 0; hits = 0; } }
                    public void sneak() {
                        size++; // expect: InconsistentLocking @GuardedBy(Base.mutex)
                        hits++; // expect-low: InconsistentLocking Sub.hits
                    }
                }
                """, "io/acme/Port.java", """
                package io.acme;
                public class Port extends Base {
                    class Subscription extends Link {
                        private int requested;
                        void request() { synchronized (mutex) { requested++; } }
                        void cancel() { synchronized (mutex) { requested--; } }
                        void reset() { requested = 0; }
                    }
                }
                """));
    }

    /**
     * A boolean flag a loop spins on and does nothing else (an empty body, {@code Thread.yield()}):
     * nothing in the loop makes the JIT read the field again, so a stale value can spin forever
     * (jradius' session loop, univocity's end-of-input wait; held-out, judged real): reported by
     * default. A loop that works on each turn, and a spin on a counter, stay low.
     */
    @Test
    void aBooleanFlagSpunOnWithoutVolatileIsReportedByDefault() {
        tester.check("""
                class Session implements Runnable {
                    private boolean stopped;
                    private boolean ended;
                    private boolean paused;
                    private int pending;
                    public synchronized void stop() { stopped = true; }
                    public synchronized void end() { ended = true; }
                    public synchronized void pause() { paused = true; }
                    public synchronized void add() { pending++; }
                    public synchronized void take() { pending--; }
                    public void run() {
                        while (!stopped) { } // expect: InconsistentLocking [shape=polled] spin forever
                        while (!ended) { // expect: InconsistentLocking [shape=polled] Session.ended
                            Thread.yield();
                        }
                        while (!paused) { // expect-low: InconsistentLocking [shape=polled] a data race
                            System.out.println("working");
                        }
                        while (pending > 0) { } // expect-low: InconsistentLocking [shape=polled] Session.pending
                    }
                }
                """);
    }

    /**
     * A loop whose condition does the work (a call, a wait, a take, a counter or a deadline) is no
     * spin: it is bounded, blocks or synchronizes every turn (a second review's cases); such polled
     * reads stay low.
     */
    @Test
    void aConditionThatCallsOrCountsIsNoSpin() {
        assertThat(tester.findings("Cases.java", """
                package io.acme;

                import java.util.concurrent.*;

                class Pump implements Runnable {
                    private boolean stopped;
                    private final java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
                    public synchronized void stop() { stopped = true; }
                    public synchronized void add(String s) { queue.add(s); }
                    private synchronized boolean pollOnce() {
                        String s = queue.poll();
                        return s != null;
                    }
                    public void run() {
                        while (!stopped && pollOnce()) { }
                    }
                }

                class Await implements Runnable {
                    private boolean stopped;
                    private final CountDownLatch latch = new CountDownLatch(1);
                    public synchronized void stop() { stopped = true; }
                    public void run() {
                        try {
                            while (!stopped && !latch.await(100, TimeUnit.MILLISECONDS)) { }
                        } catch (InterruptedException e) { }
                    }
                }

                class Terminate {
                    private boolean cancelled;
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    public synchronized void cancel() { cancelled = true; }
                    public void shutdownAndWait() throws InterruptedException {
                        pool.shutdown();
                        while (!cancelled && !pool.awaitTermination(1, TimeUnit.SECONDS)) { }
                    }
                }

                class Take {
                    private boolean closed;
                    private final BlockingQueue<String> q = new LinkedBlockingQueue<>();
                    public synchronized void close() { closed = true; q.add("poison"); }
                    public void drain() throws InterruptedException {
                        while (!closed && !"poison".equals(q.take())) { }
                    }
                }

                class Sleep {
                    private boolean ready;
                    public synchronized void ready() { ready = true; }
                    public void waitReady() {
                        while (!ready && sleepABit()) { }
                    }
                    private static boolean sleepABit() {
                        try { Thread.sleep(10); return true; } catch (InterruptedException e) { return false; }
                    }
                }
""")).isNotEmpty().allSatisfy(f -> assertThat(f.confidence()).isEqualTo(io.lockopt.analyzer.spi.Confidence.LOW));
    }

    /**
     * A flag the looping thread itself sets before the loop, through private helpers, is no race
     * (nothing else writes it): not reported, like the same write made directly in the loop's method.
     */
    @Test
    void aFlagOnlyTheLoopingThreadSetsThroughPrivateHelpersIsNoRace() {
        tester.check("""
                class SameThread implements Runnable {
                    private boolean done;
                    private synchronized void markDone() { done = true; }
                    private void prepare() { markDone(); }
                    public void run() {
                        prepare();
                        while (!done) { Thread.yield(); }
                    }
                }
                """);
    }

    /** A gate's last arrival sets the flag for the others that spin in the same method: reported (no one-thread helper chain). */
    @Test
    void aFlagSetThroughHelpersByAnotherThreadOfTheSameMethodIsASpin() {
        tester.check("""
                class Gate {
                    private boolean passable;
                    public void arrive(boolean last) {
                        if (last) {
                            letThrough();
                        }
                        while (!passable) { Thread.yield(); } // expect: InconsistentLocking spin forever
                    }
                    private void letThrough() { markPassable(); }
                    private synchronized void markPassable() { passable = true; }
                }
                """);
    }
}
