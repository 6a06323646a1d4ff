package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.wire.Snapshot;

/**
 * The recorder as the always-on agent configures it: holds timed only once a lock has been
 * contended, and every contended acquisition and long hold told to its {@link LockEvents}.
 */
class AlwaysOnRecordingTest {
    private final InstrumentedSites sites = new InstrumentedSites();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private LockRecorder recorder;

    @BeforeEach
    void attach() {
        LockEvents capture = new LockEvents() {
            @Override
            public long heldThresholdNanos() {
                return 20_000_000L;
            }

            @Override
            public void contended(LockEvent lock, long waitNanos) {
                events.add("contended " + lock.label() + " " + lock.mode().wireName() + " " + lock.siteMethod() + " "
                        + (waitNanos > 0) + " held by " + lock.holderThread());
            }

            @Override
            public void held(LockEvent lock, long holdNanos) {
                events.add("held " + lock.label() + " " + (holdNanos >= 20_000_000L));
            }
        };
        recorder = new LockRecorder(sites, 1_000, capture, true);
        assertThat(LockHooks.attach(recorder)).as("no other session attached").isTrue();
    }

    @AfterEach
    void detach() {
        LockHooks.detach(recorder);
    }

    private Snapshot.LockStats lock() {
        return lock("t.Target.lock");
    }

    private Snapshot.LockStats lock(String label) {
        return recorder.snapshot(new SnapshotRequest("", 1, false, null, 0L, 0L, 1, 0L)).locks().stream()
                .filter(l -> label.equals(l.label())).findFirst().orElseThrow();
    }

    @Test
    void aReaderWaitingOnTheWriteSideNamesTheWriter() throws Exception {
        ReentrantReadWriteLock table = new ReentrantReadWriteLock();
        int view = sites.register("t.Target", null, "run", 1, "t.Target.table", "field", "readLock").id();
        int take = sites.register("t.Target", null, "run", 2, "t.Target.table", "field", "lock").id();
        int release = sites.register("t.Target", null, "run", 3, "t.Target.table", "field", "unlock").id();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            Lock write = LockHooks.writeLock(table, view);
            LockHooks.lock(write, take);
            held.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LockHooks.unlock(write, release);
        }, "writer");
        writer.start();
        held.await();
        Thread reader = new Thread(() -> {
            Lock read = LockHooks.readLock(table, view);
            LockHooks.lock(read, take);
            LockHooks.unlock(read, release);
        }, "reader");
        reader.start();
        while (table.getQueueLength() == 0) {
            Thread.onSpinWait();
        }
        letGo.countDown();
        reader.join();
        writer.join();

        assertThat(events).containsExactly("contended t.Target.table read run true held by writer");
    }

    @Test
    void anUncontendedLockIsOnlyCountedUntilItsFirstContention() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        int take = sites.register("t.Target", null, "run", 1, "t.Target.lock", "field", "lock").id();
        int release = sites.register("t.Target", null, "run", 2, "t.Target.lock", "field", "unlock").id();
        for (int i = 0; i < 5_000; i++) {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }
        assertThat(lock().acquisitions()).isEqualTo(5_000);
        assertThat(lock().holds()).as("no hold timed").isNull();
        assertThat(events).isEmpty();

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            LockHooks.lock(lock, take);
            held.countDown();
            try {
                letGo.await();
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LockHooks.unlock(lock, release);
        }, "holder");
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }, "waiter");
        waiter.start();
        assertThat(Waiters.awaitQueued(lock, waiter)).as("waiter queued").isTrue();
        letGo.countDown();
        waiter.join();
        holder.join();

        assertThat(lock().contended()).isEqualTo(1);
        assertThat(events).containsExactly("contended t.Target.lock exclusive run true held by holder");
        assertThat(lock().waitHolders()).singleElement().satisfies(waitedOn -> {
            assertThat(waitedOn.thread()).isEqualTo("holder");
            assertThat(waitedOn.waits().count()).isEqualTo(1);
        });
        for (int i = 0; i < 2_000; i++) {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }
        // From the contention on, this thread's holds are timed (all of the first 1024).
        assertThat(lock().holds()).isNotNull();
        assertThat(lock().holds().getTotalCount()).isGreaterThanOrEqualTo(1_024);
    }
}
