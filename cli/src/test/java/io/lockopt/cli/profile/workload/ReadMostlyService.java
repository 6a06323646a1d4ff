package io.lockopt.cli.profile.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.lockopt.locks.LockHandle;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * A target JVM for the profile command's tests: readers share an exclusive lock around a
 * read-only critical section (and contend for it), a writer updates rarely, and a side thread
 * takes two other locks in opposite orders at different times (a lock-order cycle, no
 * deadlock). Runs until stdin closes or a minute has passed; with arguments {@code MILLIS CODE},
 * exits with {@code CODE} after {@code MILLIS} (a launched program that fails).
 */
public final class ReadMostlyService {
    private final ReentrantLock cache = new ReentrantLock();
    private final Map<Integer, Long> prices = new HashMap<>();
    private final MeteredReadWriteLock quotes = MeteredReadWriteLock.create("quotes");
    private long quote;
    private static final Object ACCOUNTS = new Object();
    private static final Object LEDGER = new Object();
    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        ReadMostlyService service = new ReadMostlyService();
        for (int i = 0; i < 100; i++) {
            service.prices.put(i, (long) i);
        }
        for (int r = 0; r < 4; r++) {
            daemon("reader-" + r, service::readForever);
        }
        daemon("writer", service::writeForever);
        daemon("quote-reader", service::readQuotesForever);
        daemon("quote-writer", service::writeQuotesForever);
        daemon("transfers", ReadMostlyService::transferForever);
        System.out.println("READY");
        System.out.flush();
        if (args.length == 2) {
            Thread.sleep(Long.parseLong(args[0]));
            System.exit(Integer.parseInt(args[1]));
        }
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.in.read() >= 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private long price(int key) {
        cache.lock();
        try {
            long value = prices.get(key);
            spin(200_000);
            return value;
        } finally {
            cache.unlock();
        }
    }

    private void update(int key, long value) {
        cache.lock();
        try {
            prices.put(key, value);
        } finally {
            cache.unlock();
        }
    }

    @SuppressWarnings("try") // the handle is the lock: it is held for the block, not used in it
    private long readQuote() {
        try (LockHandle read = quotes.read()) {
            return quote;
        }
    }

    @SuppressWarnings("try")
    private void writeQuote(long value) {
        try (LockHandle write = quotes.write()) {
            quote = value;
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // sink only keeps the reads alive; lost updates do not matter
    private void readQuotesForever() {
        for (;;) {
            sink += readQuote();
            sleep(1);
        }
    }

    private void writeQuotesForever() {
        for (long i = 0; ; i++) {
            writeQuote(i);
            sleep(10);
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // sink only keeps the reads alive; lost updates do not matter
    private void readForever() {
        for (int i = 0; ; i++) {
            sink += price(i % 100);
        }
    }

    private void writeForever() {
        for (long i = 0; ; i++) {
            update((int) (i % 100), i);
            sleep(5);
        }
    }

    /** The locks are taken in a method of their own: a running loop keeps its pre-attach code. */
    private static void transferForever() {
        for (int i = 0; ; i++) {
            transfer(i % 2 == 0);
            sleep(50);
        }
    }

    private static void transfer(boolean accountsFirst) {
        if (accountsFirst) {
            synchronized (ACCOUNTS) {
                synchronized (LEDGER) {
                    sink++;
                }
            }
        } else {
            synchronized (LEDGER) {
                synchronized (ACCOUNTS) {
                    sink--;
                }
            }
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
