package antipatterns.unreleasedlock;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** An exception from validate() leaves the lock held forever. */
class Account {
    private final Lock lock = new ReentrantLock();
    private long balance;

    void deposit(long amount) {
        lock.lock(); // expect: UnreleasedLock
        validate(amount);
        balance += amount;
        lock.unlock();
    }

    private static void validate(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}
