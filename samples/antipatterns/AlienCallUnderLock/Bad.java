package antipatterns.aliencallunderlock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

interface PriceListener {
    void onPrice(String symbol, double price);
}

/** Listeners run under the monitor: a slow or re-entrant listener stalls or deadlocks every update. */
class PriceBoard {
    private final List<PriceListener> listeners = new CopyOnWriteArrayList<>();
    private String symbol = "";
    private double price;

    void subscribe(PriceListener listener) {
        listeners.add(listener);
    }

    synchronized void update(String newSymbol, double newPrice) {
        symbol = newSymbol;
        price = newPrice;
        for (PriceListener listener : listeners) {
            listener.onPrice(symbol, price); // expect: AlienCallUnderLock
        }
    }
}
