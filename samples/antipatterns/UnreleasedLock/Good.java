package antipatterns.unreleasedlock;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** The finally releases the lock on every path out of the method. */
class Account {
    private final Lock lock = new ReentrantLock();
    private long balance;

    void deposit(long amount) {
        lock.lock();
        try {
            validate(amount);
            balance += amount;
        } finally {
            lock.unlock();
        }
    }

    private static void validate(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}
