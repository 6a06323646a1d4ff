package antipatterns.monitormethodoncondition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The condition's own methods: await() releases the lock and is woken by signal(). */
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

    void put(Runnable job) {
        lock.lock();
        try {
            jobs.add(job);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }
}
