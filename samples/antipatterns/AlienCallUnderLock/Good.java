package antipatterns.aliencallunderlock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Open calls: the state changes under the monitor, the listeners run after it is released. */
class PriceBoard {
    private final List<BiConsumer<String, Double>> listeners = new CopyOnWriteArrayList<>();
    private String symbol = "";
    private double price;

    void subscribe(BiConsumer<String, Double> listener) {
        listeners.add(listener);
    }

    void update(String newSymbol, double newPrice) {
        synchronized (this) {
            symbol = newSymbol;
            price = newPrice;
        }
        for (BiConsumer<String, Double> listener : listeners) {
            listener.accept(newSymbol, newPrice);
        }
    }
}
