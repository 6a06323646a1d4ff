package antipatterns.synchronizedonnonfinalfield;

import java.util.ArrayList;
import java.util.List;

/** reset() swaps the object that add() locks: threads end up holding different monitors. */
class OrderLog {
    private List<String> orders = new ArrayList<>();

    void add(String order) {
        synchronized (orders) { // expect: SynchronizedOnNonFinalField
            orders.add(order);
        }
    }

    void reset() {
        synchronized (orders) { // the same field: a related location of the finding above
            orders = new ArrayList<>();
        }
    }
}
