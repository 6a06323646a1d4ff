package io.lockopt.agent.recorder;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes the stacks of the threads that hold contended monitors, while they hold them: what
 * {@link LockHolders} does for {@code Lock}s before the waiter blocks, which bytecode cannot do
 * for a monitor (it cannot ask whether a monitor is free before {@code MONITORENTER}, and the JVM
 * enters a synchronized method's monitor before its first instruction).
 *
 * <p>How. Every {@link #SCAN_MILLIS} while some thread is blocked (the pause doubling up to
 * {@link #IDLE_SCAN_MILLIS} while none is) a daemon thread, {@code lockopt-monitor-holders}, looks at
 * the threads the recorder knows for one that is {@link Thread.State#BLOCKED}. A thread may block
 * at a synchronized method's entry before its first hooked operation (a new worker, say), so at
 * least every {@link #SWEEP_MILLIS}, by the clock and not by a count of scans (an idle scanner's
 * pauses are eight times longer), a sweep looks at every live thread, and the unknown threads it
 * finds blocked are looked at by every scan after it until they are not blocked any more (else a
 * wait of a few hundred milliseconds on an idle scanner was seen by no sweep). For each, the JVM
 * names the monitor (class and identity hash) and its owner ({@link ThreadMXBean#getThreadInfo(long)}
 * without a stack trace: no safepoint). When the owner holds that monitor through an
 * instrumented site (its held stack has an entry whose record has that hash and class), its
 * stack is taken ({@link Thread#getStackTrace}, a handshake with that thread) once per lock,
 * holder thread and holder site, and kept only if the holder still holds the monitor at that
 * site afterwards. A synchronized block's waiter is told the holder seen during its wait
 * ({@link ThreadState#sampledHolder}), which its acquisition names (only a wait no scan saw falls
 * back on {@link LockHolders#afterMonitorWait}'s guess after the wait); a synchronized method's
 * wait names JFR's {@code previousOwner}. The report finds the stack by the holder's name and site.
 *
 * <p>Cost. Nothing on the application's uncontended lock paths: no hook reads or writes anything
 * for it there (a contended monitor acquisition reads the holder it was told).
 * A scan reads each known thread's state (a field; a sweep, ten times less often, copies the
 * list of live threads first) and asks the JVM about the blocked ones only; stacks are taken a
 * bounded number of times. Only waits that last across a scan are
 * seen, so the stacks are a sample, as for the other locks.
 *
 * <p>Design notes. The scanning thread alone calls {@link #scan} (tests call it directly). It reads other threads' held stacks racily
 * ({@link ThreadState#heldMonitor}): a stale entry is not matched, and the JVM's owner is a
 * moment's answer, checked again after the stack is taken. The thread holds this object weakly
 * and ends when it is {@link #close closed} or unreachable; the management API missing (a
 * runtime without {@code java.management}) leaves it idle.
 */
final class MonitorHolderSampler {
    static final long SCAN_MILLIS = 10;
    /** The pause after scans that found no thread blocked doubles up to this. */
    static final long IDLE_SCAN_MILLIS = 80;
    /** At least this often a scan looks at every live thread, not only the ones the recorder knows. */
    static final long SWEEP_MILLIS = 100;
    private static final ThreadMXBean THREADS = ThreadBlockingCounts.THREADS;

    private final ThreadStates threads;
    private volatile boolean closed;
    /** The scanning thread, null when none runs. */
    private Thread scanner;
    /** The scanning thread's: when its last sweep of every live thread began ({@link System#nanoTime}). */
    private long lastSweep;
    /** The scanning thread's: whether it has swept yet. */
    private boolean swept;
    /** The scanning thread's: threads unknown to the recorder that a sweep found blocked, looked at by every scan. */
    private final List<Thread> blockedStrangers = new ArrayList<>();
    /** The scanning thread's: whether its last scan found a thread blocked on a monitor. */
    private boolean sawBlocked;

    MonitorHolderSampler(ThreadStates threads) {
        this.threads = threads;
    }

    /** A sampler scanning every {@link #SCAN_MILLIS} on a daemon thread until closed. */
    static MonitorHolderSampler scanning(ThreadStates threads) {
        MonitorHolderSampler sampler = new MonitorHolderSampler(threads);
        if (THREADS == null) {
            return sampler;
        }
        WeakReference<MonitorHolderSampler> ref = new WeakReference<>(sampler);
        Thread thread = new Thread(() -> {
            try {
                long pause = SCAN_MILLIS;
                while (true) {
                    Thread.sleep(pause);
                    MonitorHolderSampler alive = ref.get();
                    if (alive == null || alive.closed) {
                        return;
                    }
                    alive.scanNext(System.nanoTime());
                    pause = alive.sawBlocked ? SCAN_MILLIS : Math.min(2 * pause, IDLE_SCAN_MILLIS);
                }
            } catch (InterruptedException e) {
                // ends the scans
            }
        }, "lockopt-monitor-holders");
        thread.setDaemon(true);
        sampler.scanner = thread;
        thread.start();
        return sampler;
    }

    /** Stops the scanning thread, woken from its pause, and waits (a second at most) until it has ended. */
    void close() {
        closed = true;
        Thread running = scanner;
        if (running != null) {
            running.interrupt();
            try {
                running.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The scanning thread's next scan at {@code now} ({@link System#nanoTime}): a sweep of every
     * live thread when the last one began {@link #SWEEP_MILLIS} or more before; returns how many
     * holder stacks it kept.
     */
    int scanNext(long now) {
        boolean sweep = sweepDue(now);
        if (sweep) {
            swept = true;
            lastSweep = now;
        }
        return scan(sweep);
    }

    /** Whether a scan at {@code now} ({@link System#nanoTime}) is to sweep every live thread. */
    boolean sweepDue(long now) {
        return !swept || now - lastSweep >= TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
    }

    /** Tests: how many threads unknown to the recorder, found blocked by the last sweep, the scans look at. */
    int watchedStrangers() {
        return blockedStrangers.size();
    }

    /**
     * One scan of the threads the recorder knows or, with {@code everyThread}, of every live
     * thread (one that blocks at a synchronized method's entry before its first hooked
     * operation is not known yet); returns how many holder stacks it kept. Never throws.
     */
    int scan(boolean everyThread) {
        if (THREADS == null) {
            return 0;
        }
        int kept = 0;
        sawBlocked = false;
        try {
            if (everyThread) {
                blockedStrangers.clear();
                for (Thread thread : liveThreads()) {
                    if (thread != null && thread.getState() == Thread.State.BLOCKED) {
                        ThreadState known = threads.byThreadId(thread.getId());
                        if (known == null) {
                            blockedStrangers.add(thread);
                        }
                        kept += sampleHolderOf(thread.getId(), known);
                    }
                }
            } else {
                for (ThreadState waiter : threads.all()) {
                    Thread thread = waiter.thread();
                    if (thread != null && thread.getState() == Thread.State.BLOCKED) {
                        kept += sampleHolderOf(waiter.threadId, waiter);
                    }
                }
                for (Iterator<Thread> strangers = blockedStrangers.iterator(); strangers.hasNext();) {
                    Thread thread = strangers.next();
                    ThreadState known = threads.byThreadId(thread.getId());
                    if (known != null || thread.getState() != Thread.State.BLOCKED) {
                        strangers.remove(); // known now (the loop above looks at it) or not blocked any more
                    } else {
                        kept += sampleHolderOf(thread.getId(), null);
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // a sample lost; the application never sees it
        }
        return kept;
    }

    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        root.enumerate(all, true);
        return all;
    }

    /**
     * Tells a waiter in a timed attempt (a synchronized block: a synchronized method's wait is
     * reported by JFR, with its previous owner) who holds its monitor now; its acquisition names
     * this holder rather than guessing one after the wait.
     */
    private static void noteHolder(ThreadState waiter, int identityHash, ThreadState holder, InstrumentedSite site) {
        long since = waiter.attemptSince;
        if (waiter.attemptLock == null) {
            return;
        }
        ThreadState.SampledHolder known = waiter.sampledHolder;
        if (known == null || known.attemptSince() != since || known.identityHash() != identityHash
                || !known.holder().thread().equals(holder.threadName) || known.holder().heldAt() != site) {
            waiter.sampledHolder = new ThreadState.SampledHolder(identityHash, since,
                    new LockHolders.Sighting(holder.threadName, site));
        }
    }

    /** {@code waiter}: the blocked thread's state, null when it has not reported yet. */
    private int sampleHolderOf(long waiterId, ThreadState waiter) {
        sawBlocked = true;
        ThreadInfo info = THREADS.getThreadInfo(waiterId);
        LockInfo monitor = info == null ? null : info.getLockInfo();
        if (monitor == null || info.getThreadState() != Thread.State.BLOCKED || info.getLockOwnerId() < 0) {
            return 0;
        }
        ThreadState holder = threads.byThreadId(info.getLockOwnerId());
        ThreadState.HeldMonitor held = holder == null ? null
                : holder.heldMonitor(monitor.getIdentityHashCode(), monitor.getClassName());
        if (held == null) {
            return 0;
        }
        if (waiter != null) {
            noteHolder(waiter, monitor.getIdentityHashCode(), holder, held.site());
        }
        if (held.record().hasHolderStack(holder.threadName, held.site())) {
            return 0;
        }
        List<String> stack = LockHolders.stackOf(holder.thread());
        if (stack.isEmpty() || holder.heldAt(held.lock()) != held.site()) {
            return 0; // it let go meanwhile: the stack shows something else
        }
        held.record().keepHolderStack(holder.threadName, held.site(), stack);
        return 1;
    }
}
