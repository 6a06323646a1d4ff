package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class TryLockResultIgnoredTest {
    private final RuleTester tester = RuleTester.of(new TryLockResultIgnored());

    @Test
    void positive() {
        tester.check("""
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;

                class Pool {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final StampedLock sl = new StampedLock();

                    void run() throws InterruptedException {
                        lock.tryLock(); // expect: TryLockResultIgnored lock.tryLock()
                        lock.tryLock(5, TimeUnit.SECONDS); // expect: TryLockResultIgnored
                        sl.tryWriteLock(); // expect: TryLockResultIgnored
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.Semaphore;
                import java.util.concurrent.locks.*;

                class Pool {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final Semaphore permits = new Semaphore(1);
                    private boolean held;

                    boolean run() {
                        if (lock.tryLock()) {
                            lock.unlock();
                        }
                        held = lock.tryLock();
                        boolean ok = lock.tryLock();
                        permits.tryAcquire();
                        return lock.tryLock();
                    }

                    void unknown(com.example.Lock custom) {
                        custom.tryLock();
                    }
                }
                """);
    }

    @Test
    void ignoresLockWrappers() {
        tester.check("""
                import java.util.concurrent.locks.ReentrantLock;

                class AutoLock {
                    private final ReentrantLock lock = new ReentrantLock();

                    AutoLock tryLock() {
                        lock.tryLock();
                        return this;
                    }

                    void attempt() {
                        lock.tryLock(); // expect: TryLockResultIgnored
                    }
                }
                """);
    }
}
