package antipatterns.trylockresultignored;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** When another thread holds the lock, put() runs unprotected. */
class Cache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, String> entries = new HashMap<>();

    void put(String key, String value) {
        lock.tryLock(); // expect: TryLockResultIgnored
        try {
            entries.put(key, value);
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }
}
