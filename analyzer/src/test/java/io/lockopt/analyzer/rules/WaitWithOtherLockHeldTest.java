package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitWithOtherLockHeldTest {
    private final RuleTester tester = RuleTester.of(new WaitWithOtherLockHeld());

    @Test
    void positive() {
        var findings = tester.check("""
                import java.util.concurrent.locks.*;

                class OrderBook {
                    private final Object monitor = new Object();
                    private final Lock lock = new ReentrantLock();
                    private final Condition changed = lock.newCondition();

                    void nestedMonitor() throws InterruptedException {
                        synchronized (this) {
                            synchronized (monitor) {
                                monitor.wait(); // expect: WaitWithOtherLockHeld OrderBook.this (acquired on line 9)
                                monitor.wait(100); // expect-low: WaitWithOtherLockHeld
                            }
                        }
                    }

                    synchronized void awaitUnderMonitor() throws InterruptedException {
                        lock.lock();
                        try {
                            changed.await(); // expect: WaitWithOtherLockHeld condition's lock
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "OrderBook.this");
        assertThat(findings.get(0).related()).singleElement()
                .satisfies(r -> assertThat(r.node().getBegin().get().line).isEqualTo(9));
    }

    /** Waits that release every lock held, polls, and waits under no other lock. */
    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;

                class Queue {
                    private final Object monitor = new Object();
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();
                    private boolean ready;

                    synchronized void waits() throws InterruptedException {
                        while (!ready) {
                            wait();
                        }
                    }

                    // aerospike's Monitor: super.wait() is this.wait(), Object's methods are final.
                    synchronized void waitsThroughSuper() throws InterruptedException {
                        while (!ready) {
                            super.wait();
                        }
                    }

                    void awaits() throws InterruptedException {
                        lock.lock();
                        try {
                            while (!ready) {
                                notEmpty.await();
                            }
                            notEmpty.await(0, TimeUnit.SECONDS);
                        } finally {
                            lock.unlock();
                        }
                    }

                    void sequential() throws InterruptedException {
                        synchronized (this) {
                            ready = false;
                        }
                        synchronized (monitor) {
                            monitor.wait();
                        }
                    }

                    void reentrant() throws InterruptedException {
                        synchronized (monitor) {
                            synchronized (monitor) {
                                monitor.wait();
                            }
                        }
                    }
                }
                """);
    }

    /**
     * Nested-monitor lockout through a callee: the callee waits on its own monitor, the caller's lock
     * stays held. Deadlock (high) when every notify of that monitor is made holding the caller's lock;
     * a waker that runs without it (a streamer draining its own queue) makes it back-pressure (low).
     * BlockingCallUnderLock, which used to report these, stays silent on them.
     */
    @Test
    void aCalleeWaitingOnItsOwnMonitorLocksTheCallersLockOut() {
        String source = """
                class Buffer {
                    private final Object[] items = new Object[8];
                    private int count;
                    synchronized Object take() throws InterruptedException {
                        while (count == 0) {
                            wait();
                        }
                        return items[--count];
                    }
                    synchronized void put(Object o) throws InterruptedException {
                        while (count == items.length) {
                            wait(100);
                        }
                        items[count++] = o;
                        notifyAll();
                    }
                }
                class Consumer {
                    private final Object session = new Object();
                    private final Buffer buffer = new Buffer();
                    Object next() throws InterruptedException {
                        synchronized (session) {
                            return buffer.take(); // expect: WaitWithOtherLockHeld releases only Buffer.this
                        }
                    }
                    void offer(Object o) throws InterruptedException {
                        synchronized (session) {
                            buffer.put(o);
                        }
                    }
                    Object unlocked() throws InterruptedException {
                        return buffer.take();
                    }
                }
                class Pipe {
                    private Object item;
                    synchronized Object take() throws InterruptedException {
                        while (item == null) {
                            wait();
                        }
                        Object o = item;
                        item = null;
                        return o;
                    }
                    synchronized void put(Object o) {
                        item = o;
                        notifyAll();
                    }
                }
                class Streamer {
                    private final Pipe queue = new Pipe();
                    synchronized Object write() throws InterruptedException {
                        return queue.take(); // expect-low: WaitWithOtherLockHeld releases only Pipe.this
                    }
                    void drain(Object o) throws InterruptedException {
                        queue.put(o);
                    }
                }
                """;
        var findings = tester.check(source);
        assertThat(findings.get(0).related()).hasSize(2);
        RuleTester.of(new BlockingCallUnderLock()).check(source);
    }

    /**
     * javafx's LinuxInputDevice (held-out sample 32, judged wrong by both reviewers): {@code
     * synchronized (buffer) { buffer.put(e); }} where {@code put} waits on the buffer's own monitor:
     * the caller's lock is that same monitor, which the wait releases whole. Another lock held
     * around the same call still locks the waker out.
     */
    @Test
    void aWaitOnTheMonitorOfTheHeldReceiverReleasesIt() {
        tester.check("""
                class EventBuffer {
                    private int count;
                    synchronized boolean put(Object e) throws InterruptedException {
                        while (count == 8) {
                            wait();
                        }
                        count++;
                        return true;
                    }
                    synchronized void take() {
                        count--;
                        notifyAll();
                    }
                }
                class InputDevice {
                    private final EventBuffer buffer = new EventBuffer();
                    private final Object session = new Object();
                    void read(Object event) throws InterruptedException {
                        synchronized (buffer) {
                            buffer.put(event);
                        }
                    }
                    void other(Object event) throws InterruptedException {
                        synchronized (session) {
                            synchronized (buffer) {
                                buffer.put(event); // expect: WaitWithOtherLockHeld while InputDevice.session
                            }
                        }
                    }
                    void drain() {
                        synchronized (session) {
                            buffer.take();
                        }
                    }
                }
                """);
    }

    /** A wait on a Lock's or Condition's monitor is MonitorMethodOnCondition's; nothing to add here. */
    @Test
    void monitorCallsOnLockObjectsAreLeftToTheirRule() {
        tester.check("""
                import java.util.concurrent.locks.*;
                class Jobs {
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();
                    synchronized void take() throws InterruptedException {
                        synchronized (notEmpty) {
                            notEmpty.wait();
                        }
                    }
                }
                """);
    }

    /**
     * Ant's DirectoryScanner: the scan flag the wait tests is set, and cleared with a notify, only
     * inside slowScan(), which every caller calls holding the scanner's monitor; a thread holding it
     * can never find another scan running. When a method without the monitor sets the flag too,
     * the waker can be locked out: reported.
     */
    @Test
    void aWaitWhoseConditionIsSetOnlyUnderTheOuterLockNeverWaits() {
        tester.check("""
                class Scanner {
                    private final Object slowScanLock = new Object();
                    private boolean slowScanning;
                    private boolean haveSlowResults;
                    public synchronized String[] getExcluded() {
                        slowScan();
                        return new String[0];
                    }
                    public synchronized String[] getDeselected() {
                        slowScan();
                        return new String[0];
                    }
                    protected void slowScan() {
                        synchronized (slowScanLock) {
                            if (haveSlowResults) {
                                return;
                            }
                            if (slowScanning) {
                                while (slowScanning) {
                                    try {
                                        slowScanLock.wait();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                }
                                return;
                            }
                            slowScanning = true;
                        }
                        try {
                            synchronized (this) {
                                haveSlowResults = false;
                            }
                        } finally {
                            synchronized (slowScanLock) {
                                haveSlowResults = true;
                                slowScanning = false;
                                slowScanLock.notifyAll();
                            }
                        }
                    }
                }
                """);
        tester.check("""
                class Gate {
                    private final Object lock = new Object();
                    private boolean closed;
                    public synchronized void pass() {
                        await(); // expect: WaitWithOtherLockHeld Gate.this
                    }
                    public void close() {
                        synchronized (lock) {
                            closed = true;
                        }
                    }
                    public synchronized void open() {
                        synchronized (lock) {
                            closed = false;
                            lock.notifyAll();
                        }
                    }
                    private void await() {
                        synchronized (lock) {
                            while (closed) {
                                try {
                                    lock.wait();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                    }
                }
                """);
    }

    /**
     * jcifs-ng's session set-up: the outer monitor is a local a call handed out ({@code
     * getTransport()} returns the transport itself), of the waited field's type, so the wait may
     * release the only monitor held: low. A local of another class is no such object, but its
     * waker ({@code connect()}) runs without it: the wait serializes waiters, low too.
     */
    @Test
    void anOuterLocalFromACallOfTheWaitedTypeMayBeTheSameObject() {
        tester.check("""
                class Transport {
                    Transport acquire() { return this; }
                }
                class Gate {
                }
                class Session {
                    private final Transport transport = new Transport();
                    private final Gate gate = new Gate();
                    private boolean connected;
                    Transport getTransport() { return transport.acquire(); }
                    Gate getGate() { return gate; }
                    void setup() throws InterruptedException {
                        Transport trans = getTransport();
                        synchronized (trans) {
                            synchronized (transport) {
                                while (!connected) {
                                    transport.wait(); // expect-low: WaitWithOtherLockHeld
                                }
                            }
                        }
                    }
                    void other() throws InterruptedException {
                        Gate g = getGate();
                        synchronized (g) {
                            synchronized (transport) {
                                while (!connected) {
                                    transport.wait(); // expect-low: WaitWithOtherLockHeld
                                }
                            }
                        }
                    }
                    synchronized void connect() {
                        synchronized (transport) {
                            connected = true;
                            transport.notifyAll();
                        }
                    }
                }
                """);
    }

    /**
     * ujmp's BufferedObjectMatrix.flush: a synchronized method waits on a field's monitor it does not
     * hold, which throws IllegalMonitorStateException at once: no lockout to report. Held, it is one.
     */
    @Test
    void aWaitWithoutItsOwnMonitorIsNoLockout() {
        tester.check("""
                import java.util.*;
                class Matrix {
                    private final Set<Object> toDo = Collections.synchronizedSet(new HashSet<>());
                    synchronized void flush() throws InterruptedException {
                        while (toDo.size() != 0) {
                            toDo.wait();
                        }
                    }
                    synchronized void drain() throws InterruptedException {
                        synchronized (toDo) {
                            while (toDo.size() != 0) {
                                toDo.wait(); // expect: WaitWithOtherLockHeld
                            }
                        }
                    }
                }
                """);
    }

    /**
     * Doug Lea's bounded buffer: a putter waits on the buffer holding the put guard, and the taker
     * that wakes it never takes the guard: the guard only lets one putter wait at a time, low. A
     * waker that needs the outer lock cannot get in: a deadlock, reported by default.
     */
    @Test
    void aWaitWhoseWakerRunsWithoutTheOuterLockIsLow() {
        tester.check("""
                class BoundedBuffer {
                    private final Object putGuard = new Object();
                    private int count;
                    void put() throws InterruptedException {
                        synchronized (putGuard) {
                            synchronized (this) {
                                while (count == 10) {
                                    wait(); // expect-low: WaitWithOtherLockHeld
                                }
                                count++;
                            }
                        }
                    }
                    synchronized void take() {
                        count--;
                        notifyAll();
                    }
                }
                class Lockout {
                    private final Object outer = new Object();
                    private boolean ready;
                    void await() throws InterruptedException {
                        synchronized (outer) {
                            synchronized (this) {
                                while (!ready) {
                                    wait(); // expect: WaitWithOtherLockHeld
                                }
                            }
                        }
                    }
                    void signal() {
                        synchronized (outer) {
                            synchronized (this) {
                                ready = true;
                                notifyAll();
                            }
                        }
                    }
                }
                """);
    }
    /**
     * reef's group driver: a counting semaphore waits on the lock it was handed, and the driver
     * hands it its own topologies lock, so the wait may release the lock held outside and the waker
     * may get in (low). A semaphore with a monitor of its own making locks the waker out (high).
     */
    @Test
    void aWaitOnAnInjectedLockMayReleaseTheHeldOne() {
        String source = """
                class CountingSemaphore {
                    private final Object lock;
                    private int count;
                    CountingSemaphore(int count, Object lock) {
                        this.count = count;
                        this.lock = %s;
                    }
                    void await() throws InterruptedException {
                        synchronized (lock) {
                            while (count > 0) {
                                lock.wait();
                            }
                        }
                    }
                    void decrement() {
                        synchronized (lock) {
                            count--;
                            lock.notifyAll();
                        }
                    }
                }
                class GroupDriver {
                    private final Object topologiesLock = new Object();
                    private final CountingSemaphore running = new CountingSemaphore(3, topologiesLock);
                    void waitForTasks() throws InterruptedException {
                        synchronized (topologiesLock) {
                            running.await(); // %s: WaitWithOtherLockHeld
                        }
                    }
                    void taskRunning() {
                        synchronized (topologiesLock) {
                            running.decrement();
                        }
                    }
                }
                """;
        tester.check(source.formatted("lock", "expect-low"));
        tester.check(source.formatted("new Object()", "expect"));
    }
}
