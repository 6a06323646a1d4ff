package antipatterns.lockinsidetry;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** If lockInterruptibly() throws, the finally unlocks a lock this thread never got. */
class Inbox {
    private final Lock lock = new ReentrantLock();
    private int unread;

    void receive() throws InterruptedException {
        try {
            lock.lockInterruptibly(); // expect: LockInsideTry
            unread++;
        } finally {
            lock.unlock();
        }
    }
}
