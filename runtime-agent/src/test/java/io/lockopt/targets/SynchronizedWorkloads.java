package io.lockopt.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Synchronized methods under known contention, for {@link LockWorkloads}' command loop: the
 * truth is measured by the workload itself (the caller's clock before the call, the method's
 * first and last statements), so a test can compare the agent's figures with it.
 */
final class SynchronizedWorkloads {
    static final Account ACCOUNT = new Account();
    static final ReentrantLock inner = new ReentrantLock();
    static final ReentrantLock after = new ReentrantLock();
    static long staticCounter;

    private SynchronizedWorkloads() {
    }

    /** One instance whose synchronized methods the threads share. */
    static final class Account {
        private long balance;

        /** Holds this account's monitor about {@code millis}; returns when it got it and how long it held it. */
        synchronized long[] hold(int millis) {
            long acquired = System.nanoTime();
            LockWorkloads.sleep(millis);
            balance++;
            return new long[] {acquired, System.nanoTime() - acquired};
        }

        /** Leaves by an exception: the monitor is released by the JVM as it propagates. */
        synchronized void fail(String message) {
            balance++;
            throw new IllegalStateException(message);
        }

        /** The method's own handler catches first. */
        synchronized int recover() {
            try {
                fail("inner");
                return -1;
            } catch (IllegalStateException e) {
                return e.getMessage().length();
            }
        }

        /** A loop at the very start: javac's code jumps back to offset 0. */
        synchronized int countDown(int n) {
            do {
                n--;
            } while (n > 0);
            return n;
        }

        /** Takes {@link #inner} while holding this monitor: an edge Account.this -> inner. */
        synchronized void nested() {
            inner.lock();
            try {
                balance++;
            } finally {
                inner.unlock();
            }
        }

        synchronized long balance() {
            return balance;
        }
    }

    static synchronized long[] holdStatic(int millis) {
        long acquired = System.nanoTime();
        LockWorkloads.sleep(millis);
        staticCounter++;
        return new long[] {acquired, System.nanoTime() - acquired};
    }

    static synchronized long staticCounter() {
        return staticCounter;
    }

    /**
     * {@code threads} threads each call {@link Account#hold} {@code rounds} times, then (a
     * second phase, so that both monitors are contended) {@link #holdStatic}, holding
     * {@code holdMillis}; prints the measured waits and holds, and the spans of the calls
     * (from before the call to after it returned: what the wait and the hold the agent saw
     * for that call lie within).
     */
    static void contend(int threads, int rounds, int holdMillis) throws InterruptedException {
        AtomicLong instanceWait = new AtomicLong();
        AtomicLong instanceHold = new AtomicLong();
        AtomicLong instanceSpan = new AtomicLong();
        AtomicLong staticWait = new AtomicLong();
        AtomicLong staticHold = new AtomicLong();
        AtomicLong staticSpan = new AtomicLong();
        LockWorkloads.runThreads("syncworker-", threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                long[] got = ACCOUNT.hold(holdMillis);
                instanceSpan.addAndGet(System.nanoTime() - before);
                instanceWait.addAndGet(got[0] - before);
                instanceHold.addAndGet(got[1]);
            }
        });
        LockWorkloads.runThreads("syncworker-", threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                long[] got = holdStatic(holdMillis);
                staticSpan.addAndGet(System.nanoTime() - before);
                staticWait.addAndGet(got[0] - before);
                staticHold.addAndGet(got[1]);
            }
        });
        System.out.println("TRUTH iwait=" + instanceWait.get() + " ihold=" + instanceHold.get() + " ispan="
                + instanceSpan.get() + " swait=" + staticWait.get() + " shold=" + staticHold.get() + " sspan="
                + staticSpan.get());
    }

    /**
     * Exceptional exits, then locks taken after them: with no held state left behind, the only
     * edge from the account's monitor is the one {@link Account#nested} makes.
     */
    @SuppressWarnings("LockNotBeforeTry") // an empty section: only taking the lock matters here
    static void exits(int rounds) {
        long start = System.nanoTime();
        int thrown = 0;
        for (int i = 0; i < rounds; i++) {
            try {
                ACCOUNT.fail("outer");
            } catch (IllegalStateException e) {
                thrown++;
            }
        }
        after.lock();
        after.unlock();
        ACCOUNT.nested();
        // How long it all took: more than the account's monitor was held here.
        System.out.println("DONE exits thrown=" + thrown + " span=" + (System.nanoTime() - start));
    }

    /** The synchronized methods still do their job, instrumented or not. */
    static void check() {
        long balance = ACCOUNT.balance();
        long statics = staticCounter();
        List<String> wrong = new ArrayList<>();
        if (ACCOUNT.recover() != "inner".length()) {
            wrong.add("recover");
        }
        if (ACCOUNT.countDown(5) != 0) {
            wrong.add("countDown");
        }
        try {
            ACCOUNT.fail("checked");
            wrong.add("fail returned");
        } catch (IllegalStateException e) {
            if (!e.getMessage().equals("checked")) {
                wrong.add("fail message");
            }
        }
        ACCOUNT.hold(0);
        holdStatic(0);
        // recover() and fail() each count once before throwing, hold() once.
        if (ACCOUNT.balance() != balance + 3 || staticCounter() != statics + 1) {
            wrong.add("counters");
        }
        if (Thread.holdsLock(ACCOUNT) || Thread.holdsLock(SynchronizedWorkloads.class)) {
            wrong.add("monitor still held");
        }
        System.out.println(wrong.isEmpty() ? "SYNCCHECK ok" : "SYNCCHECK wrong " + wrong);
    }
}
