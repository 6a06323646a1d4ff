package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The statistics stripes: a thread records in a stripe of its own (plain stores) whenever a
 * stripe is free or its owner has ended, not only when its home stripe never had an owner.
 */
@Timeout(60)
class ConcurrentLockStatsRecorderTest {

    private final ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(1);

    @Test
    void aFreshThreadTakesOverTheStripeOfAThreadThatEnded() throws InterruptedException {
        // Threads one after another, as a pool that replaces its workers: every home stripe is
        // soon owned by a thread that ended; each newcomer must still get a stripe of its own.
        for (int i = 0; i < 3 * ConcurrentLockStatsRecorder.STRIPES + 1; i++) {
            AtomicBoolean owned = new AtomicBoolean();
            Thread thread = new Thread(() -> {
                recorder.startAcquisition(LockMode.WRITE);
                owned.set(recorder.recordsInOwnStripe());
            });
            thread.start();
            thread.join();
            assertThat(owned).as("thread %d of a replaced pool", i).isTrue();
        }
        assertThat(recorder.snapshot("r", 0).write().acquisitions()).isEqualTo(3L * ConcurrentLockStatsRecorder.STRIPES + 1);
    }

    @Test
    void aThreadWhoseHomeStripeIsTakenMovesOnToAFreeOne() throws InterruptedException {
        // Two live threads with the same home stripe (thread ids alike modulo STRIPES).
        List<Thread> candidates = new ArrayList<>();
        CountDownLatch bothRecorded = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Boolean> owned = new ConcurrentLinkedQueue<>();
        Runnable work = () -> {
            recorder.startAcquisition(LockMode.READ);
            owned.add(recorder.recordsInOwnStripe());
            bothRecorded.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread first = null;
        Thread second = null;
        while (second == null) {
            Thread candidate = new Thread(work);
            for (Thread earlier : candidates) {
                if (sameHomeStripe(earlier, candidate)) {
                    first = earlier;
                    second = candidate;
                }
            }
            candidates.add(candidate);
        }
        first.start();
        second.start();
        bothRecorded.await();
        release.countDown();
        first.join();
        second.join();
        assertThat(owned).containsExactly(true, true);
    }

    @Test
    void countsStayExactWhileThreadsComeAndGo() throws InterruptedException {
        // Stripes change hands while other threads record: a stripe taken from a live owner
        // would lose increments (two plain writers of one counter).
        int perThread = 20_000;
        int waves = 6;
        int width = ConcurrentLockStatsRecorder.STRIPES + 2;
        for (int wave = 0; wave < waves; wave++) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < width; t++) {
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        recorder.startAcquisition(LockMode.WRITE);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(recorder.snapshot("r", 0).write().acquisitions()).isEqualTo((long) perThread * width * waves);
    }

    private static boolean sameHomeStripe(Thread a, Thread b) {
        int mask = ConcurrentLockStatsRecorder.STRIPES - 1;
        return (a.getId() & mask) == (b.getId() & mask);
    }
}
