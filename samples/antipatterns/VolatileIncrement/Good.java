package antipatterns.volatileincrement;

import java.util.concurrent.atomic.LongAdder;

/** LongAdder counts concurrent hits without losing any and without a lock. */
class HitCounter {
    private final LongAdder hits = new LongAdder();

    void hit() {
        hits.increment();
    }

    long hits() {
        return hits.sum();
    }
}
