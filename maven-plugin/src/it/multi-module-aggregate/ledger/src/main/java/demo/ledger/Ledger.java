package demo.ledger;

/** A ledger: record() holds the ledger's monitor. */
public class Ledger {
    private long total;

    public synchronized void record(long amount) {
        total += amount;
    }

    protected synchronized long total() {
        return total;
    }
}
