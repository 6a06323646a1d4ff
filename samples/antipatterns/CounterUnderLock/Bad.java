package antipatterns.counterunderlock;

/** Every request queues on the monitor just to add one. */
class RequestStats {
    private long requests;
    private long bytes;

    synchronized void record(long size) { // expect: CounterUnderLock
        requests++;
        bytes += size;
    }

    synchronized long requests() {
        return requests;
    }
}
