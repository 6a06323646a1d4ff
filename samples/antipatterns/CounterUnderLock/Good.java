package antipatterns.counterunderlock;

import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters: writers do not contend, reads sum the cells. */
class RequestStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    void record(long size) {
        requests.increment();
        bytes.add(size);
    }

    long requests() {
        return requests.sum();
    }
}
