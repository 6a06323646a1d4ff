package io.lockopt.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The static entry points that instrumented application call sites invoke instead of the
 * lock methods themselves ({@code lock.lock()} becomes {@code LockHooks.lock(lock, site)}).
 * Each hook performs exactly the operation the application asked for, with the same
 * exceptions, and reports it to the current {@link LockSink}.
 *
 * <p>Design notes. Loaded by the bootstrap class loader so every instrumented class, in any
 * loader or module, can link against it. The only state is {@link #sink}: one profiling
 * session at a time claims it by compare-and-set ({@link #attach}), which is also how a
 * second session learns that another one is active. Application threads race with the
 * session's detach: a thread that read a non-null sink just before it was cleared still
 * reports into the old sink object, which is harmless (its data is no longer read). With no
 * sink the hooks are plain pass-throughs, so code still running an old method version after
 * detach behaves exactly like the original. Reporting failures are swallowed here a second
 * time (the sink already does) so that nothing the profiler does can throw into the
 * application; only the lock operation's own exceptions propagate.
 *
 * <p>Cost where it matters. The uncontended path is the lock's own non-blocking attempt
 * followed by one report: no clock read, nothing announced before the attempt, so an
 * exception from the lock needs no clean-up. A lock counts as contended when that immediate
 * {@code tryLock()} fails, and only then is the blocking wait timed. A fair
 * {@link ReentrantLock} is never barged: it is asked {@code hasQueuedThreads()/isLocked()}
 * first instead. What a busy lock costs (the holder, the timed wait) is called out of line, through
 * a method handle the JIT cannot inline: a hook inlined into an application method adds only its
 * fast path's code there, so that method stays small enough to be inlined into its own callers
 * (a lock helper such as {@code lockExclusive()} that had the whole contended path inlined was
 * "already compiled into a big method" for every caller).
 */
public final class LockHooks {
    private static final VarHandle SINK;

    /**
     * {@link #lockContended}: not final, so the JIT sees no constant handle to inline through
     * (written once, here, before any hook can run).
     */
    private static MethodHandle lockContended;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SINK = lookup.findStaticVarHandle(LockHooks.class, "sink", LockSink.class);
            lockContended = lookup.findStatic(LockHooks.class, "lockContended",
                    MethodType.methodType(void.class, LockSink.class, Lock.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile LockSink sink;

    /** {@link #fairBusy} answers: not a fair lock (tryLock may barge), fair and free, fair and busy. */
    private static final int NOT_FAIR = 0;
    private static final int FAIR_FREE = 1;
    private static final int FAIR_BUSY = 2;

    private LockHooks() {
    }

    /** Makes {@code newSink} the active one; false when another session already holds the slot. */
    public static boolean attach(LockSink newSink) {
        return SINK.compareAndSet((LockSink) null, newSink);
    }

    /** Clears the slot if {@code active} holds it; hooks become pass-throughs from now on. */
    public static boolean detach(LockSink active) {
        return SINK.compareAndSet(active, (LockSink) null);
    }

    /** True while some session is active. */
    public static boolean isAttached() {
        return sink != null;
    }

    // ---- java.util.concurrent.locks.Lock ---------------------------------------------------

    public static void lock(Lock lock, int site) {
        LockSink s = sink;
        if (s == null) {
            lock.lock();
            return;
        }
        if (!(lock instanceof ReentrantLock reentrant && reentrant.isFair()) && lock.tryLock()) {
            acquired(s, lock, site, LockSink.BY_CLASS);
            return;
        }
        try {
            lockContended.invokeExact(s, lock, site);
        } catch (RuntimeException | Error e) {
            throw e; // the lock's own (lock() throws nothing checked)
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * {@link #lock} of a lock its probe found busy, or of a fair one (never barged: asked whether
     * it is free instead).
     */
    private static void lockContended(LockSink s, Lock lock, int site) {
        if (fairBusy(lock) == FAIR_FREE) {
            lock.lock();
            acquired(s, lock, site, LockSink.BY_CLASS);
            return;
        }
        long start = System.nanoTime(); // the application waits from here: naming the holder is part of it
        contending(s, lock, site);
        lock.lock();
        long now = System.nanoTime();
        acquiredAfterWait(s, lock, site, LockSink.BY_CLASS, now - start, now);
    }

    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        LockSink s = sink;
        if (s == null) {
            lock.lockInterruptibly();
            return;
        }
        int fairBusy = fairBusy(lock);
        // An interrupted caller must get its InterruptedException even when the lock is free,
        // so the barging tryLock() is skipped for it.
        boolean probe = fairBusy == NOT_FAIR && !Thread.currentThread().isInterrupted();
        if (probe ? lock.tryLock() : fairBusy == FAIR_FREE) {
            if (!probe) {
                lock.lockInterruptibly();
            }
            acquired(s, lock, site, LockSink.BY_CLASS);
            return;
        }
        long start = System.nanoTime(); // the application waits from here: naming the holder is part of it
        contending(s, lock, site);
        lock.lockInterruptibly();
        long now = System.nanoTime();
        acquiredAfterWait(s, lock, site, LockSink.BY_CLASS, now - start, now);
    }

    public static boolean tryLock(Lock lock, int site) {
        boolean got = lock.tryLock();
        LockSink s = sink;
        if (s != null) {
            if (got) {
                acquired(s, lock, site, LockSink.BY_CLASS);
            } else {
                failed(s, lock, site, LockSink.BY_CLASS);
            }
        }
        return got;
    }

    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        LockSink s = sink;
        if (s == null) {
            return lock.tryLock(time, unit);
        }
        if (fairBusy(lock) == NOT_FAIR && !Thread.currentThread().isInterrupted() && lock.tryLock()) {
            acquired(s, lock, site, LockSink.BY_CLASS);
            return true;
        }
        long start = System.nanoTime(); // the application waits from here: naming the holder is part of it
        contending(s, lock, site);
        boolean got = lock.tryLock(time, unit);
        long now = System.nanoTime();
        if (got) {
            acquiredAfterWait(s, lock, site, LockSink.BY_CLASS, now - start, now);
        } else {
            failed(s, lock, site, LockSink.BY_CLASS);
        }
        return got;
    }

    public static void unlock(Lock lock, int site) {
        lock.unlock();
        LockSink s = sink;
        if (s != null) {
            released(s, lock, site);
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
        LockSink s = sink;
        if (s == null) {
            return mode == LockSink.READ ? lock.readLock() : lock.writeLock();
        }
        long stamp = mode == LockSink.READ ? lock.tryReadLock() : lock.tryWriteLock();
        if (stamp != 0L) {
            acquired(s, lock, site, mode);
            return stamp;
        }
        long start = System.nanoTime(); // the application waits from here: naming the holder is part of it
        contending(s, lock, site);
        stamp = mode == LockSink.READ ? lock.readLock() : lock.writeLock();
        long now = System.nanoTime();
        acquiredAfterWait(s, lock, site, mode, now - start, now);
        return stamp;
    }

    private static long stampedTry(StampedLock lock, int mode, int site) {
        long stamp = mode == LockSink.READ ? lock.tryReadLock() : lock.tryWriteLock();
        LockSink s = sink;
        if (s != null) {
            if (stamp != 0L) {
                acquired(s, lock, site, mode);
            } else {
                failed(s, lock, site, mode);
            }
        }
        return stamp;
    }

    /** {@code mode} says which unlock the application called; BY_CLASS is the stamp-typed {@code unlock}. */
    private static void stampedRelease(StampedLock lock, long stamp, int mode, int site) {
        if (mode == LockSink.READ) {
            lock.unlockRead(stamp);
        } else if (mode == LockSink.WRITE) {
            lock.unlockWrite(stamp);
        } else {
            lock.unlock(stamp);
        }
        LockSink s = sink;
        if (s != null) {
            released(s, lock, site);
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

    /** Before {@code keyedLocks.read(key)}, {@code write(key)}, {@code readAll(keys)}, {@code writeAll(keys)}. */
    public static void keyedAcquiring(Object keyedLocks, Object keyOrKeys, int mode, boolean allKeys, int site) {
        LockSink s = sink;
        if (s != null && keyedLocks != null && keyOrKeys != null) {
            try {
                s.acquiringKeyed(keyedLocks, keyOrKeys, mode, allKeys, site);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    public static void lockoptAcquired(Object handle, int site) {
        timedDone(handle, site);
    }

    public static void lockoptReleased(Object handle, int site) {
        LockSink s = sink;
        if (s != null && handle != null) {
            released(s, handle, site);
        }
    }

    // ---- lock helpers (a method that returns holding the lock) -------------------------------

    public static void section(int site) {
        LockSink s = sink;
        if (s != null) {
            try {
                s.enteringSection(site);
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
        timedDone(monitor, site);
    }

    public static void monitorExited(Object monitor, int site) {
        LockSink s = sink;
        if (s != null && monitor != null) {
            released(s, monitor, site);
        }
    }

    // ---- synchronized methods: the JVM entered the monitor before the first instruction -------

    /** At the entry of a synchronized method: {@code monitor} ({@code this} or the class) is held. */
    public static void synchronizedMethodEntered(Object monitor, int site) {
        LockSink s = sink;
        if (s != null && monitor != null) {
            acquired(s, monitor, site, LockSink.EXCLUSIVE);
        }
    }

    // ---- reporting, never throwing ---------------------------------------------------------

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
        LockSink s = sink;
        if (s != null && lock != null) {
            try {
                s.acquiringTimed(lock, site, mode);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    private static void timedDone(Object key, int site) {
        LockSink s = sink;
        if (s != null && key != null) {
            try {
                s.acquiredTimed(key, site);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    private static void acquired(LockSink s, Object lock, int site, int mode) {
        try {
            s.acquired(lock, site, mode);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void acquiredAfterWait(LockSink s, Object lock, int site, int mode, long waited, long at) {
        try {
            s.acquiredAfterWait(lock, site, mode, waited, at);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void contending(LockSink s, Object lock, int site) {
        try {
            s.contending(lock, site);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void failed(LockSink s, Object lock, int site, int mode) {
        try {
            s.failed(lock, site, mode);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void released(LockSink s, Object lock, int site) {
        try {
            s.released(lock, site);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void view(Object view, Object owner, int mode, int site) {
        LockSink s = sink;
        if (s != null) {
            try {
                s.viewOf(view, owner, mode, site);
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }
}
