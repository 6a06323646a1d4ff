package io.lockopt.agent.recorder;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.lockopt.agent.bootstrap.LockHooks;

/**
 * Waits until a thread really waits for a lock, so a test can start timing a hold from a
 * moment the waiter is known to be inside its wait: a bound derived from that moment holds
 * however late the waiter was scheduled. Gives up after 30 s (answering false), which only a
 * broken test or a hung thread reaches. Also stages one contended acquisition through the hooks
 * ({@link #holderThenWaiter}).
 */
final class Waiters {
    private static final long GENEROUS_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Waiters() {
    }

    /** Whether {@code thread} got into {@code lock}'s queue. */
    static boolean awaitQueued(ReentrantLock lock, Thread thread) throws InterruptedException {
        return await(thread, () -> lock.hasQueuedThread(thread));
    }

    /**
     * One contended acquisition through the hooks: a thread "holder" takes {@code lock} at
     * {@code take}, a thread "waiter" queues for it, and the holder releases it at
     * {@code release} only once the waiter is seen queued. Returns when both are done; false if
     * the waiter was never seen queued.
     */
    static boolean holderThenWaiter(ReentrantLock lock, int take, int release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            LockHooks.lock(lock, take);
            held.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LockHooks.unlock(lock, release);
        }, "holder");
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            LockHooks.lock(lock, take);
            LockHooks.unlock(lock, release);
        }, "waiter");
        waiter.start();
        boolean queued = awaitQueued(lock, waiter);
        letGo.countDown();
        waiter.join();
        holder.join();
        return queued;
    }

    /**
     * Whether {@code thread} got blocked entering {@code monitor}. The JVM marks a thread
     * BLOCKED only on the slow path of a contended enter, after JFR's monitor-enter event began.
     */
    static boolean awaitBlocked(Thread thread, Object monitor) throws InterruptedException {
        return await(thread, () -> {
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
            if (info == null || info.getThreadState() != Thread.State.BLOCKED) {
                return false;
            }
            LockInfo lock = info.getLockInfo();
            return lock != null && lock.getIdentityHashCode() == System.identityHashCode(monitor);
        });
    }

    private static boolean await(Thread thread, BooleanSupplier waiting) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS_NANOS;
        while (!waiting.getAsBoolean()) {
            if (thread.getState() == Thread.State.TERMINATED || System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
