package antipatterns.readwriteupgrade;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Release the read lock, take the write lock, re-check. */
class PriceCache {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, Long> prices = new HashMap<>();

    long price(String symbol) {
        rw.readLock().lock();
        try {
            Long cached = prices.get(symbol);
            if (cached != null) {
                return cached;
            }
        } finally {
            rw.readLock().unlock();
        }
        rw.writeLock().lock();
        try {
            return prices.computeIfAbsent(symbol, s -> (long) s.length());
        } finally {
            rw.writeLock().unlock();
        }
    }
}
