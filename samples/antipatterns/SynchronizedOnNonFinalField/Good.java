package antipatterns.synchronizedonnonfinalfield;

import java.util.ArrayList;
import java.util.List;

/** The lock never changes; the guarded list may. */
class OrderLog {
    private final Object lock = new Object();
    private List<String> orders = new ArrayList<>();

    void add(String order) {
        synchronized (lock) {
            orders.add(order);
        }
    }

    void reset() {
        synchronized (lock) {
            orders = new ArrayList<>();
        }
    }
}
