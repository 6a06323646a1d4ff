package demo;

import java.util.concurrent.locks.ReentrantLock;

/** Locks released in finally, one lock at a time: nothing for lockopt to report. */
public final class Counter {
    private final ReentrantLock lock = new ReentrantLock();
    private long count;

    public void add(long n) {
        lock.lock();
        try {
            count += n;
        } finally {
            lock.unlock();
        }
    }

    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
