package antipatterns.monitoronlockobject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The lock's monitor is not the lock: put() callers using lock() are not excluded. */
class Jobs {
    private final Lock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<Runnable> jobs = new ArrayDeque<>();

    Runnable take() throws InterruptedException {
        synchronized (lock) { // expect: MonitorOnLockObject
            while (jobs.isEmpty()) {
                notEmpty.wait(); // expect: MonitorMethodOnCondition
            }
            return jobs.remove();
        }
    }
}
