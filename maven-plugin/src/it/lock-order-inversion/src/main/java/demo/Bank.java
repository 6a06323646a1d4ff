package demo;

/** pay() takes the account's lock, then the ledger's; audit() takes them the other way round. */
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
    private Account owner;

    void attach(Account account) {
        owner = account;
    }

    void record(long amount) {
        synchronized (lock) {
            total += amount;
        }
    }

    long audit() {
        synchronized (lock) {
            return total - owner.balance();
        }
    }
}
