package antipatterns.unlockwithoutownership;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Only the thread that got the lock enters the try and releases it. */
class Publisher {
    private final ReentrantLock lock = new ReentrantLock();
    private long published;
    private long dropped;
    private long lastPublished;

    void publish() throws InterruptedException {
        if (lock.tryLock(10, TimeUnit.MILLISECONDS)) {
            try {
                published++;
                lastPublished = System.nanoTime();
            } finally {
                lock.unlock();
            }
        } else {
            dropped++;
        }
    }
}
