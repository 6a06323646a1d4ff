package antipatterns.inconsistentlocking;

/** Every access to the balance and the deposit count holds the lock. */
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
        synchronized (lock) {
            return "balance " + balance + " after " + deposits + " deposits";
        }
    }
}
