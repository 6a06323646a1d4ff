package antipatterns.trylockresultignored;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The result decides whether the protected code runs. */
class Cache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, String> entries = new HashMap<>();

    boolean put(String key, String value) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            entries.put(key, value);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
