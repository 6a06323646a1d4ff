package antipatterns.counterunderlock;

import java.util.concurrent.atomic.LongAdder;

/** A lock-free counter: writers do not contend, reads sum the cells. */
class RequestStats {
    private final LongAdder requests = new LongAdder();

    void record() {
        requests.increment();
    }

    long requests() {
        return requests.sum();
    }
}
