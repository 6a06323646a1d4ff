package antipatterns.readwriteupgrade;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A ReentrantReadWriteLock cannot upgrade: the first miss deadlocks the calling thread. */
class PriceCache {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, Long> prices = new HashMap<>();

    long price(String symbol) {
        rw.readLock().lock();
        try {
            Long cached = prices.get(symbol);
            if (cached == null) {
                rw.writeLock().lock(); // expect: ReadWriteUpgrade
                try {
                    cached = (long) symbol.length();
                    prices.put(symbol, cached);
                } finally {
                    rw.writeLock().unlock();
                }
            }
            return cached;
        } finally {
            rw.readLock().unlock();
        }
    }
}
