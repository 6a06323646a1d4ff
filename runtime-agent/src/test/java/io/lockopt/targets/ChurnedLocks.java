package io.lockopt.targets;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Short-lived locks, as a service that makes a lock per request or per interval (HdrHistogram's
 * {@code Recorder}s): each instance has a {@code ReentrantLock}, a read/write lock and a monitor,
 * taken a few times and then dropped with the instance.
 */
final class ChurnedLocks {
    final ReentrantLock lock = new ReentrantLock();
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    final Object monitor = new Object();
    long uses;

    private ChurnedLocks() {
    }

    /**
     * {@code count} instances, each of its locks taken {@code rounds} times (the read/write lock
     * once each way per round); then a full GC, so the dropped ones can be collected. Prints the
     * acquisitions made of each.
     */
    static void churn(int count, int rounds) {
        for (int i = 0; i < count; i++) {
            ChurnedLocks locks = new ChurnedLocks();
            for (int r = 0; r < rounds; r++) {
                locks.lock.lock();
                try {
                    locks.uses++;
                } finally {
                    locks.lock.unlock();
                }
                locks.rw.readLock().lock();
                try {
                    locks.uses++;
                } finally {
                    locks.rw.readLock().unlock();
                }
                locks.rw.writeLock().lock();
                try {
                    locks.uses++;
                } finally {
                    locks.rw.writeLock().unlock();
                }
                synchronized (locks.monitor) {
                    locks.uses++;
                }
            }
        }
        System.gc();
        System.out.println("DONE churn each=" + (long) count * rounds);
    }
}
