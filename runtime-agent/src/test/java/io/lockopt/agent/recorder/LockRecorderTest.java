package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.wire.Snapshot;

/**
 * The recorder driven in-process through the same hooks that rewritten bytecode calls, with
 * call sites registered by hand: what it counts, times and links, exactly.
 */
class LockRecorderTest {
    private InstrumentedSites sites;
    private LockRecorder recorder;

    @BeforeEach
    void attach() {
        sites = new InstrumentedSites();
        recorder = new LockRecorder(sites, 1_000);
        assertThat(LockHooks.attach(recorder)).as("no other session attached").isTrue();
    }

    @AfterEach
    void detach() {
        LockHooks.detach(recorder);
    }

    private int site(String label, String operation) {
        return sites.register("t.Target", null, "run", sites.size() + 1, label, label == null ? null : "field",
                operation).id();
    }

    private Snapshot snapshot() {
        return recorder.snapshot(new SnapshotRequest("secret", 1, true, "stop", 0L, 0L, 1, 0L));
    }

    private Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return snapshot.locks().stream().filter(l -> label.equals(l.label())).findFirst()
                .orElseThrow(() -> new AssertionError("no lock " + label + " in " + snapshot.locks()));
    }

    @Test
    void countsEveryUncontendedAcquisitionAndSamplesHoldsWithWeights() {
        ReentrantLock lock = new ReentrantLock();
        int take = site("t.Target.lock", "lock");
        int release = site("t.Target.lock", "unlock");
        for (int i = 0; i < 5_000; i++) {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }
        Snapshot.LockStats stats = lock(snapshot(), "t.Target.lock");
        assertThat(stats.acquisitions()).isEqualTo(5_000);
        assertThat(stats.contended()).isZero();
        assertThat(stats.waitNanos()).isZero();
        assertThat(stats.reentrant()).isZero();
        // The first 1024 holds are timed one by one, then one in 256 counts 256 times.
        assertThat(stats.holds().getTotalCount()).isBetween(5_000L - 256, 5_000L + 256);
        assertThat(stats.holdSites()).singleElement().satisfies(h -> assertThat(h.siteId()).isEqualTo(take));
        assertThat(snapshot().counters().unmatchedReleases()).isZero();
    }

    @Test
    void timesTheWaitOfABlockedAcquisitionAndNamesTheWaiter() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        int take = site("t.Target.lock", "lock");
        int release = site("t.Target.lock", "unlock");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            LockHooks.lock(lock, take);
            held.countDown();
            await(letGo);
            LockHooks.unlock(lock, release);
        }, "holder");
        holder.start();
        held.await();
        long start = System.nanoTime();
        Thread waiter = new Thread(() -> {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }, "waiter");
        waiter.start();
        // The holder lets go 30 ms after the waiter is seen queued: the waiter's wait spans at
        // least the time measured here, however late either thread was scheduled.
        assertThat(Waiters.awaitQueued(lock, waiter)).as("waiter queued").isTrue();
        long queued = System.nanoTime();
        sleep(30);
        long keptWaiting = System.nanoTime() - queued;
        letGo.countDown();
        waiter.join();
        long upperBound = System.nanoTime() - start;
        holder.join();

        Snapshot.LockStats stats = lock(snapshot(), "t.Target.lock");
        assertThat(stats.acquisitions()).isEqualTo(2);
        assertThat(stats.contended()).isEqualTo(1);
        assertThat(stats.waitNanos()).isBetween(keptWaiting, upperBound);
        assertThat(stats.holdNanos()).isGreaterThanOrEqualTo(keptWaiting);
        assertThat(stats.waitThreads()).extracting(Snapshot.ThreadWait::thread).containsExactly("waiter");
        assertThat(stats.waitSites()).extracting(Snapshot.SiteWait::siteId).containsExactly(take);
    }

    @Test
    void reentrantAcquisitionsCountButTimeOnlyTheOutermostHold() {
        ReentrantLock lock = new ReentrantLock();
        ReentrantLock other = new ReentrantLock();
        int take = site("t.Target.lock", "lock");
        int takeOther = site("t.Target.other", "lock");
        int release = site("t.Target.lock", "unlock");
        LockHooks.lock(lock, take);
        LockHooks.lock(lock, take);
        LockHooks.unlock(lock, release);
        LockHooks.unlock(lock, release);
        // Nothing is left on the held stack: a later lock alone draws no lock-order edge.
        LockHooks.lock(other, takeOther);
        LockHooks.unlock(other, release);

        Snapshot snapshot = snapshot();
        Snapshot.LockStats stats = lock(snapshot, "t.Target.lock");
        assertThat(stats.acquisitions()).isEqualTo(2);
        assertThat(stats.reentrant()).isEqualTo(1);
        assertThat(stats.holds().getTotalCount()).isEqualTo(1);
        assertThat(snapshot.edges()).isEmpty();
    }

    @Test
    void drawsLockOrderEdgesBothWaysIncludingOutOfOrderReleases() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        int takeA = site("t.Target.a", "lock");
        int takeB = site("t.Target.b", "lock");
        int release = site(null, "unlock");
        LockHooks.lock(a, takeA);
        LockHooks.lock(b, takeB);
        LockHooks.unlock(a, release); // out of order: a before b
        LockHooks.unlock(b, release);
        LockHooks.lock(b, takeB);
        LockHooks.lock(a, takeA);
        LockHooks.unlock(a, release);
        LockHooks.unlock(b, release);

        Snapshot snapshot = snapshot();
        int idA = lock(snapshot, "t.Target.a").id();
        int idB = lock(snapshot, "t.Target.b").id();
        assertThat(snapshot.edges()).extracting(e -> e.fromId() + "->" + e.toId() + " x" + e.count())
                .containsExactlyInAnyOrder(idA + "->" + idB + " x1", idB + "->" + idA + " x1");
        assertThat(lock(snapshot, "t.Target.a").holds().getTotalCount()).isEqualTo(2);
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
    }

    @Test
    void failedTryLockIsCountedAsAFailureNotAnAcquisition() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        int take = site("t.Target.lock", "tryLock");
        int release = site("t.Target.lock", "unlock");
        Thread holder = new Thread(lock::lock); // not instrumented: holds it and dies holding it
        holder.start();
        holder.join();
        assertThat(LockHooks.tryLock(lock, take)).isFalse();
        assertThat(LockHooks.tryLock(lock, 10, TimeUnit.MILLISECONDS, take)).isFalse();

        Snapshot.LockStats stats = lock(snapshot(), "t.Target.lock");
        assertThat(stats.acquisitions()).isZero();
        assertThat(stats.tryFailures()).isEqualTo(2);
        LockHooks.unlock(new ReentrantLock() {
            @Override
            public void unlock() {
                // a lock this thread never took through a hook: the release is counted as unmatched
            }
        }, release);
        assertThat(snapshot().counters().unmatchedReleases()).isEqualTo(1);
    }

    @Test
    void aHelpersAcquisitionIsAttributedToTheCallOfTheHelper() {
        ReentrantLock lock = new ReentrantLock();
        int helperCall = site(null, "section");
        int insideHelper = site("t.Target.lock", "lock");
        int release = site("t.Target.lock", "unlock");
        LockHooks.section(helperCall);
        LockHooks.lock(lock, insideHelper);
        LockHooks.unlock(lock, release);
        // Without a section call the acquiring site keeps its own holds.
        LockHooks.lock(lock, insideHelper);
        LockHooks.unlock(lock, release);

        Snapshot.LockStats stats = lock(snapshot(), "t.Target.lock");
        assertThat(stats.holdSites()).extracting(h -> h.siteId() + ":" + h.holds().count())
                .containsExactlyInAnyOrder(helperCall + ":1", insideHelper + ":1");
    }

    @Test
    void monitorsAreTimedAroundTheEnterAndLinkedToTheirRelease() {
        Object monitor = new Object();
        int enter = site("t.Target.monitor", "monitorenter");
        int exit = site("t.Target.monitor", "monitorexit");
        for (int i = 0; i < 3; i++) {
            LockHooks.monitorEnter(monitor, enter);
            synchronized (monitor) {
                LockHooks.monitorEntered(monitor, enter);
                sleep(2);
            }
            LockHooks.monitorExited(monitor, exit);
        }
        Snapshot.LockStats stats = lock(snapshot(), "t.Target.monitor");
        assertThat(stats.kindName()).isEqualTo("synchronized");
        assertThat(stats.acquisitions()).isEqualTo(3);
        assertThat(stats.contended()).isZero();
        assertThat(stats.holdNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(6));
    }

    @Test
    void aSlowMonitorEnterCountsAsContendedOnlyWhenTheThreadBlocked() throws Exception {
        Object monitor = new Object();
        int enter = site("t.Target.monitor", "monitorenter");
        int exit = site("t.Target.monitor", "monitorexit");
        // Slow but free: the thread sleeps between the hooks, as a descheduled one would stall.
        LockHooks.monitorEnter(monitor, enter);
        synchronized (monitor) {
            sleep(2);
            LockHooks.monitorEntered(monitor, enter);
        }
        LockHooks.monitorExited(monitor, exit);
        assertThat(lock(snapshot(), "t.Target.monitor").contended()).isZero();

        // Held by another thread until this one is seen blocked on the enter (a fixed hold could
        // end before a late-scheduled test thread got there), then 20 ms more.
        Thread self = Thread.currentThread();
        CountDownLatch holding = new CountDownLatch(1);
        boolean[] sawBlocked = new boolean[1];
        long[] keptBlocked = new long[1];
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                holding.countDown();
                try {
                    sawBlocked[0] = Waiters.awaitBlocked(self, monitor);
                } catch (InterruptedException e) {
                    return;
                }
                long blocked = System.nanoTime();
                sleep(20);
                keptBlocked[0] = System.nanoTime() - blocked;
            }
        }, "holder");
        holder.start();
        holding.await();
        LockHooks.monitorEnter(monitor, enter);
        synchronized (monitor) {
            LockHooks.monitorEntered(monitor, enter);
        }
        LockHooks.monitorExited(monitor, exit);
        holder.join();
        assertThat(sawBlocked[0]).as("test thread blocked on the monitor").isTrue();
        Snapshot.LockStats stats = lock(snapshot(), "t.Target.monitor");
        assertThat(stats.acquisitions()).isEqualTo(2);
        assertThat(stats.contended()).isEqualTo(1);
        assertThat(stats.waitNanos()).isGreaterThanOrEqualTo(keptBlocked[0]);
    }

    @Test
    void aContendedMonitorsHolderStackIsTakenWhileItsWaiterIsBlocked() throws Exception {
        HeldMonitor held = holdMonitor();
        Object monitor = held.monitor();
        int enter = held.enter();
        int exit = held.exit();
        Thread waiter = new Thread(() -> {
            LockHooks.monitorEnter(monitor, enter);
            synchronized (monitor) {
                LockHooks.monitorEntered(monitor, enter);
            }
            LockHooks.monitorExited(monitor, exit);
        }, "waiter");
        waiter.start();
        boolean blocked = Waiters.awaitBlocked(waiter, monitor);
        // The recorder's own scans may have kept it already; either way it is kept once.
        recorder.sampleMonitorHolders();
        int again = recorder.sampleMonitorHolders();
        held.release();
        waiter.join();

        assertThat(blocked).as("waiter blocked on the monitor").isTrue();
        assertThat(again).as("a second scan of the same holder").isZero();
        Snapshot.LockStats stats = lock(snapshot(), "t.Target.monitor");
        assertThat(stats.contended()).isEqualTo(1);
        String enterSite = snapshot().sites().stream().filter(s -> s.id() == enter).findFirst().orElseThrow().where();
        assertThat(stats.waitHolders()).singleElement().satisfies(h -> {
            assertThat(h.thread()).isEqualTo("holder");
            assertThat(h.heldAt()).isEqualTo(enterSite);
            // Taken while it held the monitor, inside its critical section (the agent's own
            // frames, this test's among them, are left out).
            assertThat(h.holderStack()).anyMatch(frame -> frame.startsWith("java.util.concurrent.CountDownLatch.await"));
        });
    }

    /**
     * A new thread blocked at a synchronized method's entry has run no hook, so only a sweep of
     * every live thread finds it; the scans after that sweep keep looking at it while it stays
     * blocked (an idle scanner's sweeps are too far apart to catch a wait of a few hundred ms).
     */
    @Test
    void aThreadUnknownToTheRecorderFoundBlockedByASweepIsWatchedUntilItGetsTheMonitor() throws Exception {
        HeldMonitor held = holdMonitor();
        Object monitor = held.monitor();
        Thread stranger = new Thread(() -> {
            synchronized (monitor) {
                monitor.hashCode();
            }
        }, "stranger");
        stranger.start();
        boolean blocked = Waiters.awaitBlocked(stranger, monitor);
        MonitorHolderSampler sampler = recorder.monitorHolderSampler();
        long now = System.nanoTime();
        boolean firstSweeps = sampler.sweepDue(now);
        sampler.scanNext(now);
        int afterSweep = sampler.watchedStrangers();
        long soon = now + TimeUnit.MILLISECONDS.toNanos(MonitorHolderSampler.SCAN_MILLIS);
        boolean soonSweeps = sampler.sweepDue(soon);
        sampler.scanNext(soon);
        int afterScan = sampler.watchedStrangers();
        held.release();
        stranger.join();
        sampler.scanNext(soon + TimeUnit.MILLISECONDS.toNanos(MonitorHolderSampler.SCAN_MILLIS));
        int afterRelease = sampler.watchedStrangers();
        boolean laterSweeps = sampler.sweepDue(now + TimeUnit.MILLISECONDS.toNanos(MonitorHolderSampler.SWEEP_MILLIS));

        assertThat(blocked).as("stranger blocked on the monitor").isTrue();
        assertThat(firstSweeps).as("the first scan sweeps").isTrue();
        assertThat(afterSweep).as("watched after the sweep").isEqualTo(1);
        assertThat(soonSweeps).as("a scan a pause later does not sweep").isFalse();
        assertThat(afterScan).as("still watched by a scan that is no sweep").isEqualTo(1);
        assertThat(afterRelease).as("let go once it is not blocked").isZero();
        assertThat(laterSweeps).as("a sweep is due again after SWEEP_MILLIS").isTrue();
    }

    @Test
    void readWriteViewsLinkToTheirLockAndCountModes() {
        ReentrantReadWriteLock table = new ReentrantReadWriteLock();
        int view = site("t.Target.table", "readLock");
        int take = site("t.Target.table", "lock");
        int release = site("t.Target.table", "unlock");
        for (int i = 0; i < 10; i++) {
            LockHooks.lock(LockHooks.readLock(table, view), take);
            LockHooks.unlock(table.readLock(), release);
        }
        LockHooks.lock(LockHooks.writeLock(table, view), take);
        LockHooks.unlock(table.writeLock(), release);

        List<Snapshot.LockStats> sides = snapshot().locks().stream().filter(l -> l.ownerId() >= 0).toList();
        assertThat(sides).extracting(l -> l.mode().wireName() + ":" + l.acquisitions())
                .containsExactlyInAnyOrder("read:10", "write:1");
        assertThat(sides).extracting(Snapshot.LockStats::reads).containsExactlyInAnyOrder(10L, 0L);
    }

    @Test
    void aWaitReportedFromOutsideGoesToTheLockTheThreadLastTookThere() throws Exception {
        Object monitor = new Object();
        int method = site("t.Target.this", "synchronized-method");
        int exit = site("t.Target.this", "monitorexit");
        long[] threadId = new long[1];
        Thread worker = new Thread(() -> {
            threadId[0] = Thread.currentThread().getId();
            synchronized (monitor) {
                LockHooks.synchronizedMethodEntered(monitor, method);
            }
            LockHooks.monitorExited(monitor, exit);
        }, "worker");
        worker.start();
        worker.join();
        recorder.monitorWaited(method, threadId[0], "worker", 5_000_000L, -1L, null);

        Snapshot.LockStats stats = lock(snapshot(), "t.Target.this");
        assertThat(stats.acquisitions()).isEqualTo(1);
        assertThat(stats.contended()).isEqualTo(1);
        assertThat(stats.waitNanos()).isEqualTo(5_000_000L);
        assertThat(stats.waitThreads()).extracting(Snapshot.ThreadWait::thread).containsExactly("worker");
    }

    @Test
    void threadsWhoseIdsShareASlotKeepSeparateHeldStacks() throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        int takeA = site("t.Target.a", "lock");
        int takeB = site("t.Target.b", "lock");
        int release = site(null, "unlock");
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            LockHooks.lock(a, takeA);
            firstHolds.countDown();
            await(secondDone);
            LockHooks.unlock(a, release);
        }, "first");
        first.start();
        firstHolds.await();
        // Thread ids are handed out in order: start short-lived threads until one collides.
        Thread second = null;
        List<Thread> spent = new ArrayList<>();
        while (second == null) {
            Thread candidate = new Thread(() -> {
                LockHooks.lock(b, takeB);
                LockHooks.unlock(b, release);
            }, "second");
            if (((candidate.getId() - first.getId()) & 4095) == 0) {
                second = candidate;
            } else {
                spent.add(candidate);
            }
        }
        assertThat(spent).hasSizeLessThanOrEqualTo(4096);
        second.start();
        second.join();
        secondDone.countDown();
        first.join();

        Snapshot snapshot = snapshot();
        assertThat(lock(snapshot, "t.Target.a").acquisitions()).isEqualTo(1);
        assertThat(lock(snapshot, "t.Target.b").acquisitions()).isEqualTo(1);
        // Had the two threads shared one held stack, b would look nested in a.
        assertThat(snapshot.edges()).isEmpty();
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A monitor that a thread "holder" holds, taken through the hooks at site {@code enter}, until released. */
    private record HeldMonitor(Object monitor, int enter, int exit, CountDownLatch letGo, Thread holder) {
        /** Lets the holder release the monitor and waits until it has ended. */
        void release() throws InterruptedException {
            letGo.countDown();
            holder.join();
        }
    }

    /** A monitor of label {@code t.Target.monitor}, held by a started thread "holder" when this returns. */
    private HeldMonitor holdMonitor() throws InterruptedException {
        Object monitor = new Object();
        int enter = site("t.Target.monitor", "monitorenter");
        int exit = site("t.Target.monitor", "monitorexit");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            LockHooks.monitorEnter(monitor, enter);
            synchronized (monitor) {
                LockHooks.monitorEntered(monitor, enter);
                holding.countDown();
                await(letGo);
            }
            LockHooks.monitorExited(monitor, exit);
        }, "holder");
        holder.start();
        holding.await();
        return new HeldMonitor(monitor, enter, exit, letGo, holder);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Short-lived locks, 1,500 with a table of 1,000: each batch's records are retired once the
     * locks are collected (the collector is asked, and the reporter looks until they are), so
     * the table never fills, and their figures and lock-order edges go to the label's retired
     * instances: the totals are what was done.
     */
    @Test
    void retiresTheRecordsOfCollectedLocksIntoTheirLabelKeepingTotalsAndEdges() throws Exception {
        ReentrantLock outer = new ReentrantLock();
        int takeOuter = site("t.Target.outer", "lock");
        int releaseOuter = site("t.Target.outer", "unlock");
        int take = site("t.Target.inner", "lock");
        int release = site("t.Target.inner", "unlock");
        int retired = 0;
        for (int batch = 0; batch < 6; batch++) {
            for (int i = 0; i < 250; i++) {
                ReentrantLock inner = new ReentrantLock();
                LockHooks.lock(outer, takeOuter);
                for (int round = 0; round < 2; round++) {
                    LockHooks.lock(inner, take);
                    LockHooks.unlock(inner, release);
                }
                LockHooks.unlock(outer, releaseOuter);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // The outer lock, and the last inner one each site's cache still holds.
            while (recorder.liveRecords() > 3 && System.nanoTime() < deadline) {
                System.gc();
                retired += recorder.retireCollected();
                Thread.sleep(10);
            }
            assertThat(recorder.liveRecords()).as("live records after batch " + batch).isLessThanOrEqualTo(3);
        }
        assertThat(retired).isGreaterThanOrEqualTo(1_500 - 2);

        Snapshot snapshot = snapshot();
        assertThat(snapshot.counters().untrackedLocks()).isZero();
        List<Snapshot.LockStats> inner = snapshot.locks().stream().filter(l -> "t.Target.inner".equals(l.label()))
                .toList();
        assertThat(inner.stream().mapToLong(Snapshot.LockStats::acquisitions).sum()).isEqualTo(3_000);
        Snapshot.LockStats folded = inner.stream().filter(Snapshot.LockStats::retired).findFirst().orElseThrow();
        assertThat(folded.retiredInstances()).isEqualTo(retired);
        assertThat(folded.acquisitions()).isEqualTo(2L * retired);
        assertThat(folded.holdSites()).singleElement().satisfies(h -> assertThat(h.siteId()).isEqualTo(take));
        assertThat(io.lockopt.agent.wire.LockNames.of(snapshot)).containsEntry(folded.id(), "t.Target.inner#retired");

        int outerId = lock(snapshot, "t.Target.outer").id();
        List<Snapshot.EdgeStats> fromOuter = snapshot.edges().stream().filter(e -> e.fromId() == outerId).toList();
        assertThat(fromOuter.stream().mapToLong(Snapshot.EdgeStats::count).sum()).isEqualTo(3_000);
        long retiredCount = 2L * retired;
        assertThat(fromOuter).anySatisfy(e -> {
            assertThat(e.toId()).isEqualTo(folded.id());
            assertThat(e.count()).isEqualTo(retiredCount);
        });
        List<Integer> ids = snapshot.locks().stream().map(Snapshot.LockStats::id).toList();
        assertThat(snapshot.edges()).allSatisfy(e -> assertThat(ids).contains(e.fromId(), e.toId()));
    }
}
