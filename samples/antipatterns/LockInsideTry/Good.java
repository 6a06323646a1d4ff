package antipatterns.lockinsidetry;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Acquire first, then enter the try whose finally releases. */
class Inbox {
    private final Lock lock = new ReentrantLock();
    private int unread;
    private String latest = "";

    void receive(String message) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            unread++;
            latest = message;
        } finally {
            lock.unlock();
        }
    }
}
