package antipatterns.synchronizedonnonfinalfield;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The lock never changes; the guarded list may (copy on write, read without the lock). */
class OrderLog {
    private final Object lock = new Object();
    private volatile List<String> orders = Collections.emptyList();

    void add(String order) {
        synchronized (lock) {
            List<String> copy = new ArrayList<>(orders);
            copy.add(order);
            orders = copy;
        }
    }

    List<String> orders() {
        return orders;
    }
}
