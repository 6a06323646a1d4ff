package antipatterns.monitoronlockobject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The lock's own API: lock()/unlock() and await() on its condition. */
class Jobs {
    private final Lock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<Runnable> jobs = new ArrayDeque<>();

    Runnable take() throws InterruptedException {
        lock.lock();
        try {
            while (jobs.isEmpty()) {
                notEmpty.await();
            }
            return jobs.remove();
        } finally {
            lock.unlock();
        }
    }
}
