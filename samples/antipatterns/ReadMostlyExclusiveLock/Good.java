package antipatterns.readmostlyexclusivelock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Readers share the read lock; only update() excludes. */
class PriceTable {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, Double> prices = new HashMap<>();

    double price(String symbol) {
        rw.readLock().lock();
        try {
            return prices.getOrDefault(symbol, 0.0);
        } finally {
            rw.readLock().unlock();
        }
    }

    boolean quoted(String symbol) {
        rw.readLock().lock();
        try {
            return prices.containsKey(symbol);
        } finally {
            rw.readLock().unlock();
        }
    }

    int size() {
        rw.readLock().lock();
        try {
            return prices.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    void update(String symbol, double price) {
        rw.writeLock().lock();
        try {
            prices.put(symbol, price);
        } finally {
            rw.writeLock().unlock();
        }
    }
}
