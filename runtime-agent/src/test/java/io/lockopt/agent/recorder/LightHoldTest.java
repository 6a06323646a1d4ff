package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.wire.Snapshot;

/**
 * Uncontended outermost acquisitions whose hold is not timed are held lightly (counted, kept in
 * the thread's own fields, no held-stack entry; {@link ThreadState#holdLightly}): what the
 * recorder reports of them must be what it reported when they went on the stack. Driven with
 * the always-on configuration, where a never-contended lock's every acquisition is held so.
 */
class LightHoldTest {
    private final InstrumentedSites sites = new InstrumentedSites();
    private LockRecorder recorder;

    @BeforeEach
    void attach() {
        recorder = new LockRecorder(sites, 1_000, LockEvents.NONE, true);
        assertThat(LockHooks.attach(recorder)).as("no other session attached").isTrue();
    }

    @AfterEach
    void detach() {
        LockHooks.detach(recorder);
        recorder.close();
    }

    private int site(String label, String operation) {
        return sites.register("t.Target", null, "run", sites.size() + 1, label, label == null ? null : "field",
                operation).id();
    }

    private Snapshot snapshot() {
        return recorder.snapshot(new SnapshotRequest("secret", 1, true, "stop", 0L, 0L, 1, 0L));
    }

    private static Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return snapshot.locks().stream().filter(l -> label.equals(l.label())).findFirst()
                .orElseThrow(() -> new AssertionError("no lock " + label + " in " + snapshot.locks()));
    }

    @Test
    void anUncontendedLockIsCountedExactlyAndEveryReleasePairs() {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        ReentrantLock lock = new ReentrantLock();
        int take = site("t.Target.lock", "lock");
        int tryTake = site("t.Target.lock", "tryLock");
        int read = site("t.Target.rw", "lock");
        int release = site(null, "unlock");
        ReentrantReadWriteLock.ReadLock readView = LockHooks.readLock(rw, read);
        for (int i = 0; i < 10_000; i++) {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
            assertThat(LockHooks.tryLock(lock, tryTake)).isTrue();
            LockHooks.unlock(lock, release);
            LockHooks.lock(readView, read);
            LockHooks.unlock(readView, release);
        }

        Snapshot snapshot = snapshot();
        Snapshot.LockStats stats = lock(snapshot, "t.Target.lock");
        assertThat(stats.acquisitions()).isEqualTo(20_000);
        assertThat(stats.contended()).isZero();
        assertThat(stats.reentrant()).isZero();
        assertThat(stats.holds()).as("never contended: no hold timed").isNull();
        Snapshot.LockStats reads = snapshot.locks().stream().filter(l -> l.reads() > 0).findFirst().orElseThrow();
        assertThat(reads.reads()).isEqualTo(10_000);
        assertThat(snapshot.edges()).isEmpty();
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        assertThat(snapshot.counters().recorderErrors()).isZero();
    }

    @Test
    void aWaiterNamesTheLightHolderAndWhereItTookTheLock() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        int take = site("t.Target.lock", "lock");
        int release = site("t.Target.lock", "unlock");
        // The holder's acquisition is uncontended, the lock never contended before: held lightly.
        assertThat(Waiters.holderThenWaiter(lock, take, release)).as("waiter queued").isTrue();

        Snapshot snapshot = snapshot();
        Snapshot.LockStats stats = lock(snapshot, "t.Target.lock");
        assertThat(stats.acquisitions()).isEqualTo(2);
        assertThat(stats.contended()).isEqualTo(1);
        assertThat(stats.waitNanos()).isPositive();
        assertThat(stats.waitThreads()).extracting(Snapshot.ThreadWait::thread).containsExactly("waiter");
        assertThat(stats.waitHolders()).singleElement().satisfies(waitedOn -> {
            assertThat(waitedOn.thread()).isEqualTo("holder");
            assertThat(waitedOn.heldAt()).isEqualTo(sites.get(take).where());
        });
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
    }

    @Test
    void aFairLockGoesOutOfLineYetIsCountedHeldLightlyAndItsWaitTimed() throws Exception {
        ReentrantLock fair = new ReentrantLock(true);
        int take = site("t.Target.fair", "lock");
        int release = site("t.Target.fair", "unlock");
        for (int i = 0; i < 1_000; i++) {
            LockHooks.lock(fair, take); // asked whether it is free, never barged, out of line
            LockHooks.unlock(fair, release);
        }
        assertThat(Waiters.holderThenWaiter(fair, take, release)).as("waiter queued").isTrue();

        Snapshot snapshot = snapshot();
        Snapshot.LockStats stats = lock(snapshot, "t.Target.fair");
        assertThat(stats.acquisitions()).isEqualTo(1_002);
        assertThat(stats.contended()).isEqualTo(1);
        assertThat(stats.waitHolders()).singleElement()
                .satisfies(waitedOn -> assertThat(waitedOn.thread()).isEqualTo("holder"));
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        assertThat(snapshot.counters().recorderErrors()).isZero();
    }

    @Test
    void reentryAndNestingUnderALightHoldPairWithTheirReleases() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        ReentrantLock c = new ReentrantLock();
        int takeA = site("t.Target.a", "lock");
        int tryA = site("t.Target.a", "tryLock");
        int takeB = site("t.Target.b", "lock");
        int takeC = site("t.Target.c", "lock");
        int release = site(null, "unlock");
        LockHooks.lock(a, takeA); // held lightly
        assertThat(LockHooks.tryLock(a, tryA)).isTrue(); // a reentry of the light hold
        LockHooks.unlock(a, release); // the inner level: a is still held
        LockHooks.lock(b, takeB); // under a: on the stack, with the edge a -> b
        LockHooks.unlock(b, release);
        LockHooks.unlock(a, release); // the outer level
        LockHooks.lock(c, takeC); // nothing held: no edge
        LockHooks.unlock(c, release);
        LockHooks.lock(a, takeA);
        LockHooks.unlock(a, release);

        Snapshot snapshot = snapshot();
        Snapshot.LockStats statsA = lock(snapshot, "t.Target.a");
        assertThat(statsA.acquisitions()).isEqualTo(3);
        assertThat(statsA.reentrant()).isEqualTo(1);
        int idA = statsA.id();
        int idB = lock(snapshot, "t.Target.b").id();
        assertThat(snapshot.edges()).extracting(e -> e.fromId() + "->" + e.toId() + " x" + e.count())
                .containsExactly(idA + "->" + idB + " x1");
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        assertThat(snapshot.counters().recorderErrors()).isZero();
    }

    @Test
    void aLightHoldReleasedOutOfOrderLeavesNothingHeld() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        ReentrantLock c = new ReentrantLock();
        int takeA = site("t.Target.a", "lock");
        int takeB = site("t.Target.b", "lock");
        int takeC = site("t.Target.c", "lock");
        int release = site(null, "unlock");
        LockHooks.lock(a, takeA); // light
        LockHooks.lock(b, takeB); // stack
        LockHooks.unlock(a, release); // out of order: the light one first
        LockHooks.lock(c, takeC); // under b only
        LockHooks.unlock(c, release);
        LockHooks.unlock(b, release);
        LockHooks.lock(c, takeC); // nothing held
        LockHooks.unlock(c, release);

        Snapshot snapshot = snapshot();
        int idA = lock(snapshot, "t.Target.a").id();
        int idB = lock(snapshot, "t.Target.b").id();
        int idC = lock(snapshot, "t.Target.c").id();
        assertThat(snapshot.edges()).extracting(e -> e.fromId() + "->" + e.toId() + " x" + e.count())
                .containsExactlyInAnyOrder(idA + "->" + idB + " x1", idB + "->" + idC + " x1");
        assertThat(lock(snapshot, "t.Target.c").acquisitions()).isEqualTo(2);
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
    }
}
