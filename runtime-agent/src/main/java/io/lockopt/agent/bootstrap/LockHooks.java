package io.lockopt.agent.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The static entry points that instrumented application call sites invoke instead of the
 * lock methods themselves ({@code lock.lock()} becomes {@code LockHooks.lock(lock, site)}).
 * Each hook performs exactly the operation the application asked for, with the same
 * exceptions, and reports timings to the current {@link LockSink}.
 *
 * <p>Design notes. Loaded by the bootstrap class loader so every instrumented class, in any
 * loader or module, can link against it. The only state is {@link #SINK}: one profiling
 * session at a time claims it by compare-and-set ({@link #attach}), which is also how a
 * second session learns that another one is active. Application threads race with the
 * session's detach: a thread that read a non-null sink just before it was cleared still
 * reports into the old sink object, which is harmless (its data is no longer read). With no
 * sink the hooks are plain pass-throughs, so code still running an old method version after
 * detach behaves exactly like the original. Recording failures are swallowed here a second
 * time (the sink already does) so that nothing the profiler does can throw into the
 * application; only the lock operation's own exceptions propagate.
 *
 * <p>Cost where it matters: the sink does its lookups before the attempt and its recording
 * after the release; between acquisition and release only a few stores happen, so the
 * profiled critical section is barely longer than the original. On the uncontended path the
 * hooks pass {@link LockSink#NOT_TIMED} and leave it to the sink to read the clock, which it
 * does only for the acquisitions it times (all of them at first, a sample on hot locks). A
 * hold is measured from the acquisition to just after the release.
 *
 * <p>Contention detection: a lock counts as contended when an immediate {@code tryLock()}
 * fails, and only then is the blocking wait timed. A fair {@link ReentrantLock} is never
 * barged: it is asked {@code hasQueuedThreads()/isLocked()} first instead.
 */
public final class LockHooks {
    private static final AtomicReference<LockSink> SINK = new AtomicReference<>();

    /** {@link #fairBusy} answers: not a fair lock (tryLock may barge), fair and free, fair and busy. */
    private static final int NOT_FAIR = 0;
    private static final int FAIR_FREE = 1;
    private static final int FAIR_BUSY = 2;

    private LockHooks() {
    }

    /** Makes {@code sink} the active one; false when another session already holds the slot. */
    public static boolean attach(LockSink sink) {
        return SINK.compareAndSet(null, sink);
    }

    /** Clears the slot if {@code sink} holds it; hooks become pass-throughs from now on. */
    public static boolean detach(LockSink sink) {
        return SINK.compareAndSet(sink, null);
    }

    /** True while some session is active. */
    public static boolean isAttached() {
        return SINK.get() != null;
    }

    // ---- java.util.concurrent.locks.Lock ---------------------------------------------------

    public static void lock(Lock lock, int site) {
        LockSink sink = SINK.get();
        if (sink == null) {
            lock.lock();
            return;
        }
        acquiring(sink, lock, site, LockSink.BY_CLASS);
        int fairBusy = fairBusy(lock);
        if (fairBusy == NOT_FAIR && tryFirst(sink, lock)) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
            return;
        }
        long start = System.nanoTime();
        try {
            lock.lock();
        } catch (RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
        long now = System.nanoTime();
        boolean contended = fairBusy != FAIR_FREE;
        acquired(sink, now, contended ? now - start : 0L, contended);
    }

    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        LockSink sink = SINK.get();
        if (sink == null) {
            lock.lockInterruptibly();
            return;
        }
        acquiring(sink, lock, site, LockSink.BY_CLASS);
        int fairBusy = fairBusy(lock);
        // An interrupted caller must get its InterruptedException even when the lock is free,
        // so the barging tryLock() is skipped for it.
        if (fairBusy == NOT_FAIR && !Thread.currentThread().isInterrupted() && tryFirst(sink, lock)) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
            return;
        }
        long start = System.nanoTime();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException | RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
        long now = System.nanoTime();
        boolean contended = fairBusy != FAIR_FREE;
        acquired(sink, now, contended ? now - start : 0L, contended);
    }

    public static boolean tryLock(Lock lock, int site) {
        LockSink sink = SINK.get();
        if (sink == null) {
            return lock.tryLock();
        }
        acquiring(sink, lock, site, LockSink.BY_CLASS);
        boolean got;
        try {
            got = lock.tryLock();
        } catch (RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
        if (got) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
            return true;
        }
        abandoned(sink);
        return false;
    }

    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        LockSink sink = SINK.get();
        if (sink == null) {
            return lock.tryLock(time, unit);
        }
        acquiring(sink, lock, site, LockSink.BY_CLASS);
        if (fairBusy(lock) == NOT_FAIR && !Thread.currentThread().isInterrupted() && tryFirst(sink, lock)) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
            return true;
        }
        long start = System.nanoTime();
        boolean got;
        try {
            got = lock.tryLock(time, unit);
        } catch (InterruptedException | RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
        long now = System.nanoTime();
        if (got) {
            acquired(sink, now, now - start, true);
        } else {
            abandoned(sink);
        }
        return got;
    }

    public static void unlock(Lock lock, int site) {
        LockSink sink = SINK.get();
        lock.unlock();
        if (sink != null) {
            released(sink, lock, site, LockSink.NOT_TIMED);
        }
    }

    // ---- read/write views ------------------------------------------------------------------

    public static ReentrantReadWriteLock.ReadLock readLock(ReentrantReadWriteLock owner, int site) {
        ReentrantReadWriteLock.ReadLock view = owner.readLock();
        view(view, owner, LockSink.READ, site);
        return view;
    }

    public static ReentrantReadWriteLock.WriteLock writeLock(ReentrantReadWriteLock owner, int site) {
        ReentrantReadWriteLock.WriteLock view = owner.writeLock();
        view(view, owner, LockSink.WRITE, site);
        return view;
    }

    public static Lock readLock(ReadWriteLock owner, int site) {
        Lock view = owner.readLock();
        view(view, owner, LockSink.READ, site);
        return view;
    }

    public static Lock writeLock(ReadWriteLock owner, int site) {
        Lock view = owner.writeLock();
        view(view, owner, LockSink.WRITE, site);
        return view;
    }

    // ---- StampedLock -----------------------------------------------------------------------

    public static long stampedReadLock(StampedLock lock, int site) {
        return stampedAcquire(lock, LockSink.READ, site);
    }

    public static long stampedWriteLock(StampedLock lock, int site) {
        return stampedAcquire(lock, LockSink.WRITE, site);
    }

    public static long stampedTryReadLock(StampedLock lock, int site) {
        return stampedTry(lock, LockSink.READ, site);
    }

    public static long stampedTryWriteLock(StampedLock lock, int site) {
        return stampedTry(lock, LockSink.WRITE, site);
    }

    public static void stampedUnlockRead(StampedLock lock, long stamp, int site) {
        stampedRelease(lock, stamp, LockSink.READ, site);
    }

    public static void stampedUnlockWrite(StampedLock lock, long stamp, int site) {
        stampedRelease(lock, stamp, LockSink.WRITE, site);
    }

    public static void stampedUnlock(StampedLock lock, long stamp, int site) {
        stampedRelease(lock, stamp, LockSink.BY_CLASS, site);
    }

    private static long stampedAcquire(StampedLock lock, int mode, int site) {
        LockSink sink = SINK.get();
        if (sink == null) {
            return mode == LockSink.READ ? lock.readLock() : lock.writeLock();
        }
        acquiring(sink, lock, site, mode);
        long stamp = mode == LockSink.READ ? lock.tryReadLock() : lock.tryWriteLock();
        if (stamp != 0L) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
            return stamp;
        }
        long start = System.nanoTime();
        try {
            stamp = mode == LockSink.READ ? lock.readLock() : lock.writeLock();
        } catch (RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
        long now = System.nanoTime();
        acquired(sink, now, now - start, true);
        return stamp;
    }

    private static long stampedTry(StampedLock lock, int mode, int site) {
        LockSink sink = SINK.get();
        if (sink == null) {
            return mode == LockSink.READ ? lock.tryReadLock() : lock.tryWriteLock();
        }
        acquiring(sink, lock, site, mode);
        long stamp = mode == LockSink.READ ? lock.tryReadLock() : lock.tryWriteLock();
        if (stamp != 0L) {
            acquired(sink, LockSink.NOT_TIMED, 0L, false);
        } else {
            abandoned(sink);
        }
        return stamp;
    }

    /** {@code mode} says which unlock the application called; BY_CLASS is the stamp-typed {@code unlock}. */
    private static void stampedRelease(StampedLock lock, long stamp, int mode, int site) {
        LockSink sink = SINK.get();
        if (mode == LockSink.READ) {
            lock.unlockRead(stamp);
        } else if (mode == LockSink.WRITE) {
            lock.unlockWrite(stamp);
        } else {
            lock.unlock(stamp);
        }
        if (sink != null) {
            released(sink, lock, site, LockSink.NOT_TIMED);
        }
    }

    // ---- lockopt's MeteredReadWriteLock: read()/write() return a handle, close() releases ----------
    // Its classes live in the application's loader, so these hooks take Object and bracket the
    // original calls instead of replacing them.

    public static void lockoptAcquiringRead(Object lock, int site) {
        timed(lock, site, LockSink.READ);
    }

    public static void lockoptAcquiringWrite(Object lock, int site) {
        timed(lock, site, LockSink.WRITE);
    }

    public static void lockoptAcquired(Object handle, int site) {
        timedDone(handle);
    }

    public static void lockoptReleased(Object handle, int site) {
        LockSink sink = SINK.get();
        if (sink != null && handle != null) {
            released(sink, handle, site, LockSink.NOT_TIMED);
        }
    }

    // ---- lock helpers (a method that returns holding the lock) -------------------------------

    public static void section(int site) {
        LockSink sink = SINK.get();
        if (sink != null) {
            try {
                sink.enteringSection(site);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    // ---- synchronized blocks: before MONITORENTER, after it, after MONITOREXIT ---------------

    public static void monitorEnter(Object monitor, int site) {
        timed(monitor, site, LockSink.EXCLUSIVE);
    }

    public static void monitorEntered(Object monitor, int site) {
        timedDone(monitor);
    }

    public static void monitorExited(Object monitor, int site) {
        LockSink sink = SINK.get();
        if (sink != null && monitor != null) {
            released(sink, monitor, site, LockSink.NOT_TIMED);
        }
    }

    // ---- reporting, never throwing ---------------------------------------------------------

    /** The non-blocking first attempt; if it throws (a custom lock), the pending attempt is abandoned. */
    private static boolean tryFirst(LockSink sink, Lock lock) {
        try {
            return lock.tryLock();
        } catch (RuntimeException | Error e) {
            abandoned(sink);
            throw e;
        }
    }

    private static int fairBusy(Lock lock) {
        if (!(lock instanceof ReentrantLock)) {
            return NOT_FAIR;
        }
        ReentrantLock reentrant = (ReentrantLock) lock;
        if (!reentrant.isFair()) {
            return NOT_FAIR;
        }
        boolean busy = reentrant.hasQueuedThreads() || (reentrant.isLocked() && !reentrant.isHeldByCurrentThread());
        return busy ? FAIR_BUSY : FAIR_FREE;
    }

    private static void timed(Object lock, int site, int mode) {
        LockSink sink = SINK.get();
        if (sink != null && lock != null) {
            try {
                sink.acquiringTimed(lock, site, mode);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    private static void timedDone(Object key) {
        LockSink sink = SINK.get();
        if (sink != null && key != null) {
            try {
                sink.acquiredTimed(key);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    private static void acquiring(LockSink sink, Object lock, int site, int mode) {
        try {
            sink.acquiring(lock, site, mode);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void acquired(LockSink sink, long at, long waited, boolean contended) {
        try {
            sink.acquired(at, waited, contended);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void abandoned(LockSink sink) {
        try {
            sink.abandoned();
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void released(LockSink sink, Object lock, int site, long at) {
        try {
            sink.released(lock, site, at);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void view(Object view, Object owner, int mode, int site) {
        LockSink sink = SINK.get();
        if (sink != null) {
            try {
                sink.viewOf(view, owner, mode, site);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }
}
