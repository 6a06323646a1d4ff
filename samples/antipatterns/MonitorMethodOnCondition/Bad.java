package antipatterns.monitormethodoncondition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** wait() and notifyAll() are the condition object's monitor methods, not the condition: take() throws or hangs. */
class Jobs {
    private final Lock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<Runnable> jobs = new ArrayDeque<>();

    Runnable take() throws InterruptedException {
        lock.lock();
        try {
            while (jobs.isEmpty()) {
                notEmpty.wait(); // expect: MonitorMethodOnCondition
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
            notEmpty.notifyAll(); // expect: MonitorMethodOnCondition
        } finally {
            lock.unlock();
        }
    }
}
