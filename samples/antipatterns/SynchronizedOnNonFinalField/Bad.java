package antipatterns.synchronizedonnonfinalfield;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * add() locks the list it replaces: threads that read the field before and after a swap hold
 * different monitors, and the first value is Collections.emptyList(), one object every OrderLog
 * (and any other code) shares.
 */
class OrderLog {
    private List<String> orders = Collections.emptyList();

    void add(String order) {
        synchronized (orders) { // expect: SynchronizedOnNonFinalField
            List<String> copy = new ArrayList<>(orders);
            copy.add(order);
            orders = copy;
        }
    }

    List<String> orders() {
        return orders;
    }
}
