package antipatterns.lockorderinversion;

/** One global order: the ledger is never locked before an account; audit() reads the balance first. */
class Account {
    private final Object lock = new Object();
    private final Ledger ledger;
    private long balance;

    Account(Ledger ledger) {
        this.ledger = ledger;
    }

    void pay(long amount) {
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

class Ledger {
    private final Object lock = new Object();
    private long total;
    private long last;
    private Account owner;

    void attach(Account account) {
        owner = account;
    }

    void record(long amount) {
        synchronized (lock) {
            total += amount;
            last = amount;
        }
    }

    long audit() {
        long balance = owner.balance();
        synchronized (lock) {
            return total - balance;
        }
    }
}
