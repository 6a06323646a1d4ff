package antipatterns.unlockwithoutownership;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Under contention tryLock fails, and the finally throws IllegalMonitorStateException. */
class Publisher {
    private final ReentrantLock lock = new ReentrantLock();
    private long published;

    void publish() throws InterruptedException {
        boolean locked = lock.tryLock(10, TimeUnit.MILLISECONDS);
        try {
            published++;
        } finally {
            lock.unlock(); // expect: UnlockWithoutOwnership
        }
    }
}
