package antipatterns.readmostlyexclusivelock;

import java.util.HashMap;
import java.util.Map;

/** Three kinds of readers and one writer, all queued on one exclusive monitor. */
class PriceTable {
    private final Object lock = new Object(); // expect: ReadMostlyExclusiveLock
    private final Map<String, Double> prices = new HashMap<>();

    double price(String symbol) {
        synchronized (lock) {
            return prices.getOrDefault(symbol, 0.0);
        }
    }

    boolean quoted(String symbol) {
        synchronized (lock) {
            return prices.containsKey(symbol);
        }
    }

    int size() {
        synchronized (lock) {
            return prices.size();
        }
    }

    void update(String symbol, double price) {
        synchronized (lock) {
            prices.put(symbol, price);
        }
    }
}
