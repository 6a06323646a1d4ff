package antipatterns.counterunderlock;

/** Every request queues on the monitor just to add one. */
class RequestStats {
    private long requests;

    synchronized void record() { // expect-low: CounterUnderLock
        requests++;
    }

    synchronized long requests() {
        return requests;
    }
}
