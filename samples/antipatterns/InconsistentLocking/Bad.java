package antipatterns.inconsistentlocking;

/** Deposits update the balance under the lock; the report reads it without. */
class Account {
    private final Object lock = new Object();
    private long balance;
    private long deposits;

    void deposit(long amount) {
        synchronized (lock) {
            balance += amount;
            deposits++;
        }
    }

    String report() {
        return "balance " + balance // expect: InconsistentLocking
                + " after " + deposits + " deposits"; // expect: InconsistentLocking
    }
}
