package antipatterns.aliencallunderlock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Listeners run under the monitor: a slow or re-entrant listener stalls or deadlocks every update. */
class PriceBoard {
    private final List<BiConsumer<String, Double>> listeners = new CopyOnWriteArrayList<>();
    private String symbol = "";
    private double price;

    void subscribe(BiConsumer<String, Double> listener) {
        listeners.add(listener);
    }

    synchronized void update(String newSymbol, double newPrice) {
        symbol = newSymbol;
        price = newPrice;
        for (BiConsumer<String, Double> listener : listeners) {
            listener.accept(symbol, price); // expect: AlienCallUnderLock
        }
    }
}
