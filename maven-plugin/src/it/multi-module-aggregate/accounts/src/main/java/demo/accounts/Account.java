package demo.accounts;

/** pay() holds the account's lock while Ledger.record() takes the ledger's monitor. */
public final class Account {
    private final Object lock = new Object();
    private final AuditedLedger ledger = new AuditedLedger(this);
    private long balance;

    public void pay(long amount) {
        synchronized (lock) {
            balance -= amount;
            ledger.record(amount);
        }
    }

    long balance() {
        synchronized (lock) {
            return balance;
        }
    }
}
