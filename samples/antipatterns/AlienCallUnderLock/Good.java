package antipatterns.aliencallunderlock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

interface PriceListener {
    void onPrice(String symbol, double price);
}

/** Open calls: the state changes under the monitor, the listeners run after it is released. */
class PriceBoard {
    private final List<PriceListener> listeners = new CopyOnWriteArrayList<>();
    private String symbol = "";
    private double price;

    void subscribe(PriceListener listener) {
        listeners.add(listener);
    }

    void update(String newSymbol, double newPrice) {
        synchronized (this) {
            symbol = newSymbol;
            price = newPrice;
        }
        for (PriceListener listener : listeners) {
            listener.onPrice(newSymbol, newPrice);
        }
    }
}
