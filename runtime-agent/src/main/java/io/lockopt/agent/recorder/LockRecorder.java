package io.lockopt.agent.recorder;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import io.lockopt.agent.bootstrap.LockSink;
import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.Snapshot;

/**
 * The recorder of one profiling session: receives every hooked lock operation and keeps
 * per-lock-instance statistics, per-call-site tallies and the lock-order graph.
 *
 * <p>Design notes. Application threads call the {@link LockSink} methods concurrently; each
 * works on its own {@link ThreadState} and {@link ThreadLockStats} (single-writer), found
 * through {@link ThreadStates} by thread id, and on shared {@link LockRecord}s. The common
 * case costs a few loads and stores: an acquisition finds its lock's statistics in the
 * thread's site cache (the site last locked the same object), counts it, and, when it is the
 * outermost, uncontended and its hold not one of the sampled ones that are timed, holds the
 * lock lightly: a handful of stores to the thread's own fields instead of a held-stack entry
 * ({@link ThreadState#holdLightly}). Everything that has more to record (timed holds, waits,
 * nesting, monitors, reentries) takes the held stack, out of line (a call the JIT does not inline).
 * Why this design (issue 16): the always-on agent had to keep 98% of the demo's throughput,
 * 4.5 ns of its 227 ns of CPU per read, and the full bookkeeping on every acquisition cost
 * 15-25 ns with no single part carrying it; sampling which acquisitions are recorded would have
 * made lock-order edges and "held by" sightings a sample too. The light hold keeps them exact
 * (a lock taken while another is held lightly gets its edge from it; a waiter finds a light
 * holder as it finds a stacked one) and keeps every count exact, while the demo's hot path
 * touches only the thread's own state object, its statistics' counter and the coarse clock.
 * The clock is read only for the holds that are timed (a sample on hot locks) and
 * for waits, which the hooks time only when the lock was busy. Lookups by identity hash,
 * record creation and labels happen on a cache miss; waits go to the shared striped
 * structures after the release, outside the application's critical section. The
 * {@code busy} flag of the thread's {@link ThreadState} guards the slow path: if anything it
 * does ever reaches a hooked call site on the same thread, that inner call passes through
 * unrecorded (the fast path calls no code that could). Every entry point catches
 * {@link Throwable} and counts it: the recorder never throws into the application. The
 * reporter thread alone calls {@link #snapshot}; it reads counters while writers go on, so
 * one snapshot is a close, not an atomic, picture of a moment. The reporter also retires the
 * records of collected locks there ({@link RetiredLocks}); the hooks keep their lock reachable
 * until their last write to its record, so that nothing is written to a record once retired.
 */
public final class LockRecorder extends LockSink {
    /**
     * Bytecode cannot ask a monitor (or lockopt's handle-based lock) whether it is free, so such
     * an acquisition counts as contended when it took longer than this (an uncontended one takes
     * well under a microsecond) and the JVM counted its thread blocking (monitors) or waiting
     * (the others) since it last looked: a thread descheduled between the two hooks is slow
     * without waiting for anyone.
     */
    static final long MONITOR_CONTENDED_NANOS = 10_000L;
    /** Each (thread, lock) pair with its own statistics keeps a small single-writer histogram. */
    static final int MAX_THREAD_STATS = 8_192;

    private static final String LOCKOPT_READ_WRITE_LOCK = "io.lockopt.locks.MeteredReadWriteLock";

    private final InstrumentedSites sites;
    private final LockTable table;
    /** Reporter thread only (but its count of passes, read by every thread): the figures of collected lock instances, by label. */
    private final RetiredLocks retired = new RetiredLocks();
    private final ThreadStates threads = new ThreadStates();
    /** {@code threads}' table, one load closer: every hooked operation starts here. */
    private final ThreadState[] threadSlots = threads.slots();
    private final KeyedLockTokens keyedTokens;
    /**
     * An {@link AtomicLong}, not a {@link LongAdder}: it is counted in every entry point's catch
     * block, which the JIT compiles into the application's methods with the hook, and a
     * {@code LongAdder}'s striping is code the size of a whole fast path (errors are rare).
     */
    private final AtomicLong errors = new AtomicLong();
    private final LongAdder unmatchedReleases = new LongAdder();
    /** How many (thread, lock) pairs get their own statistics; beyond it, threads share the lock's. */
    private final AtomicInteger threadStatsBudget = new AtomicInteger(MAX_THREAD_STATS);

    /**
     * The slow paths the fast ones fall back to, called through method handles held in
     * instance fields. The JIT cannot inline through a handle that is not a constant, so the
     * slow paths' code (histograms, tables) stays out of the fast paths' compiled code: a fast
     * path compiled on its own stays small enough to be inlined into the application's
     * methods, which it would not be ("already compiled into a big method") with its slow
     * path inlined, however rarely that runs.
     */
    private final MethodHandle releaseSlowly;
    private final MethodHandle failSlowly;
    private final LockEvents events;
    /** Always-on mode: holds are timed only on locks that have been contended at least once. */
    private final boolean holdsWhenContendedOnly;
    /** Tells long holds without timing them: they are counted exactly, outside the sample. */
    private final HoldTicks ticks;
    /** Takes the stacks of contended monitors' holders, on a thread of its own. */
    private final MonitorHolderSampler monitorHolders;

    public LockRecorder(InstrumentedSites sites, int maxLocks) {
        this(sites, maxLocks, LockEvents.NONE, false);
    }

    /**
     * {@code events} hears every contended acquisition and long hold; {@code holdsWhenContendedOnly}
     * leaves the holds of never-contended locks untimed (only counted).
     */
    public LockRecorder(InstrumentedSites sites, int maxLocks, LockEvents events, boolean holdsWhenContendedOnly) {
        this(sites, maxLocks, events, holdsWhenContendedOnly, HoldTicks.ticking());
    }

    /** {@code ticks}: the coarse clock, ticking by itself or (tests) advanced by hand. */
    LockRecorder(InstrumentedSites sites, int maxLocks, LockEvents events, boolean holdsWhenContendedOnly,
            HoldTicks ticks) {
        this.ticks = ticks;
        this.events = events;
        this.holdsWhenContendedOnly = holdsWhenContendedOnly;
        this.sites = sites;
        this.table = new LockTable(maxLocks);
        this.keyedTokens = new KeyedLockTokens(maxLocks);
        this.monitorHolders = MonitorHolderSampler.scanning(threads);
        // Loads the management API now, at attach, not in the first application thread that locks.
        ThreadBlockingCounts.of(Thread.currentThread().getId());
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            this.releaseSlowly = lookup.findVirtual(LockRecorder.class, "releasedSlowly",
                    MethodType.methodType(void.class, ThreadState.class, Object.class)).bindTo(this);
            this.failSlowly = lookup.findVirtual(LockRecorder.class, "failedSlowly",
                    MethodType.methodType(void.class, Object.class, int.class, int.class)).bindTo(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The calling thread's state: {@link ThreadStates#current}, its first probe inlined here. */
    private ThreadState current() {
        Thread thread = Thread.currentThread();
        long id = thread.getId();
        ThreadState state = threadSlots[(int) id & ThreadStates.MASK];
        if (state != null && state.threadId == id) {
            return state;
        }
        return threads.slowPath(thread, id);
    }

    /**
     * The common case, kept small enough for the JIT to inline into the hook (and so into the
     * application's method): the thread holds nothing else, took this lock at this site last
     * time, with statistics of its own, and this hold is not one of the sampled ones it times.
     * It is then counted and held lightly ({@link ThreadState#holdLightly}): a few stores to the
     * thread's own fields, no held-stack entry. A monitor (EXCLUSIVE, a synchronized method's
     * entry) still goes on the stack, where the holder sampler looks. Everything else goes to
     * {@link #onAcquired}, out of line.
     */
    @Override
    public void acquired(Object lock, int siteId, int mode) {
        try {
            ThreadState held = current();
            ThreadLockStats own = held.memoStats;
            int timing = ASK;
            if (held.memoLock == lock && held.memoSiteId == siteId && own != null && held.depth() == 0
                    && held.lightLock == null && !held.busy) {
                if (own.timingDue()) {
                    timing = DUE;
                } else if (mode != EXCLUSIVE) {
                    int effective = mode != BY_CLASS ? mode : held.memoMode;
                    own.acquired(effective);
                    held.holdLightly(lock, held.memoRecord, own, held.memoSite, effective, held.pendingSection,
                            ticks.now());
                    return;
                } else {
                    timing = UNTIMED;
                }
            }
            // One call, never inlined (onAcquired is far beyond the JIT's size limit for hot
            // methods): the code inlined into the application stays this method's.
            onAcquired(held, lock, lock, siteId, mode, -1L, NOT_TIMED, true, timing);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /**
     * {@link #onAcquired}'s {@code timing}: whether the hold is timed is still to be asked
     * ({@link ThreadLockStats#timesNext}), due ({@link ThreadLockStats#timingDue} said so:
     * {@link ThreadLockStats#scheduleTimed} decides), or was answered no.
     */
    private static final int ASK = -1;
    private static final int DUE = 1;
    private static final int UNTIMED = 0;

    @Override
    public void acquiredAfterWait(Object lock, int siteId, int mode, long waitedNanos, long acquiredAtNanos) {
        try {
            onAcquired(current(), lock, lock, siteId, mode, Math.max(0L, waitedNanos), acquiredAtNanos, true, ASK);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /**
     * Before a blocking acquisition: who holds the lock now and where it took it
     * ({@link LockHolders}), for the wait to name when it is recorded.
     */
    @Override
    public void contending(Object lock, int siteId) {
        try {
            ThreadState held = current();
            if (held.busy) {
                return;
            }
            int slot = held.cached(lock, siteId);
            if (slot < 0) {
                slot = cacheMiss(held, lock, siteId, BY_CLASS);
            }
            LockRecord record = slot < 0 ? null : held.cachedRecord(slot);
            Object owner = null;
            if (lock instanceof ReentrantReadWriteLock.ReadLock) {
                // A reader waits on the writer: the write side is found through the read/write lock.
                LockRecord ownerRecord = record == null ? null : record.owner();
                owner = ownerRecord == null ? null : ownerRecord.lock.get();
            }
            held.busy = true;
            try {
                held.pendingHolder = LockHolders.whileHeld(threads, held, lock, owner, record);
            } finally {
                held.busy = false;
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void acquiringTimed(Object lock, int siteId, int mode) {
        try {
            ThreadState held = current();
            if (held.attemptLock != null) {
                // The previous attempt ended in an exception (a timeout, an interrupt).
                failed(held, held.attemptLock, held.attemptSite, held.attemptMode);
            }
            held.attemptLock = lock;
            held.attemptSite = siteId;
            held.attemptMode = mode;
            held.attemptSince = System.nanoTime();
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void acquiringKeyed(Object keyedLocks, Object keyOrKeys, int mode, boolean allKeys, int siteId) {
        try {
            ThreadState held = current();
            if (held.busy) {
                return;
            }
            Object lock;
            held.busy = true; // the keys' equals/hashCode are application code
            try {
                lock = allKeys ? keyedTokens.tokensFor(keyedLocks, (java.util.Collection<?>) keyOrKeys)
                        : keyedTokens.tokenFor(keyedLocks, keyOrKeys);
            } finally {
                held.busy = false;
            }
            acquiringTimed(lock, siteId, mode);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /** No non-blocking probe exists for monitors and lockopt's handles: a slow acquisition counts as contended. */
    @Override
    public void acquiredTimed(Object key, int siteId) {
        try {
            ThreadState held = current();
            Object lock = held.attemptLock;
            if (lock == null || held.attemptSite != siteId) {
                return;
            }
            held.attemptLock = null;
            long now = System.nanoTime();
            long waited = now - held.attemptSince;
            long contendedWait = waited >= MONITOR_CONTENDED_NANOS && blocked(held, lock) ? waited : -1L;
            if (contendedWait >= 0 && isMonitor(held, lock)) {
                held.busy = true;
                try {
                    LockHolders.Sighting sampled = held.holderSampledDuringAttempt(lock);
                    held.pendingHolder = sampled != null ? sampled : LockHolders.afterMonitorWait(threads, held, lock);
                } finally {
                    held.busy = false;
                }
            }
            if (lock instanceof KeyedLockTokens.KeyToken[] tokens) {
                // One close() releases them all; the wait is the whole call's, told once.
                for (int i = 0; i < tokens.length; i++) {
                    ThreadState.Held entry = onAcquired(held, tokens[i], key, siteId, held.attemptMode,
                            i == 0 ? contendedWait : -1L, now, false, ASK);
                    if (entry != null) {
                        entry.multiKey = true;
                    }
                }
                return;
            }
            onAcquired(held, lock, key, siteId, held.attemptMode, contendedWait, now, true, ASK);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /** Whether a slow timed acquisition blocked: monitors block, lockopt's handles and keyed locks park. */
    private static boolean blocked(ThreadState held, Object lock) {
        boolean monitor = isMonitor(held, lock);
        held.busy = true; // the management API is JDK code, but never let a hook re-enter the recorder
        try {
            return held.blockedSinceLastLook(monitor);
        } finally {
            held.busy = false;
        }
    }

    /** Whether the timed attempt in progress is a monitor's (the others are lockopt's handles and keyed locks). */
    private static boolean isMonitor(ThreadState held, Object lock) {
        return held.attemptMode == EXCLUSIVE && !(lock instanceof KeyedLockTokens.KeyToken)
                && !(lock instanceof KeyedLockTokens.KeyToken[]);
    }

    /**
     * Inside the application's critical section: a cache probe, counters on this thread's own
     * statistics and a push. {@code lock} identifies the record, {@code key} is what the release
     * will name (the same object except for lockopt's handles); {@code waited} is -1 when the
     * acquisition did not wait; {@code timing} says whether the hold's timing is to be asked
     * ({@link #ASK}), decided ({@link #DUE}) or was answered no ({@link #UNTIMED}). An uncontended
     * untimed outermost acquisition of a {@code Lock} is held lightly, as {@link #acquired} does.
     * Returns the held-stack entry pushed, null when none was.
     */
    private ThreadState.Held onAcquired(ThreadState held, Object lock, Object key, int siteId, int mode, long waited,
            long acquiredAt, boolean mayReenter, int timing) {
        if (held.busy) {
            return null;
        }
        if (held.memoLock != lock || held.memoSiteId != siteId) {
            int slot = held.cached(lock, siteId);
            if (slot < 0) {
                slot = cacheMiss(held, lock, siteId, mode);
                if (slot < 0) {
                    return null;
                }
            }
            held.memo(slot);
        }
        LockRecord record = held.memoRecord;
        ThreadLockStats own = held.memoStats;
        int sectionId = held.pendingSection;
        held.pendingSection = -1;
        int effective = mode != BY_CLASS ? mode : record.mode;
        boolean lightReentry = key == held.lightLock;
        int index = lightReentry || held.depth() == 0 || !mayReenter ? -1 : held.indexOf(key);
        // Sampling is decided by count alone (outermost acquisitions), so timed holds are a fair sample.
        boolean timed = !lightReentry && index < 0 && timing != UNTIMED && (timing == DUE ? own.scheduleTimed()
                : own == null ? !holdsWhenContendedOnly || record.contendedSeen : own.timesNext());
        if (own != null) {
            own.acquired(effective);
        } else {
            record.acquisitions.increment();
            if (effective == READ) {
                record.reads.increment();
            } else if (effective == WRITE) {
                record.writes.increment();
            }
        }
        if (waited >= 0) {
            record.contended.increment();
            record.sawContention();
        }
        if (index >= 0 || lightReentry) {
            if (lightReentry) {
                held.lightReentries++;
            } else {
                held.reenter(index);
            }
            record.reentrant.increment();
            return null;
        }
        InstrumentedSite site = held.memoSite;
        if (!timed && waited < 0 && own != null && mode != EXCLUSIVE && key == lock && mayReenter && held.depth() == 0
                && held.lightLock == null) {
            held.holdLightly(lock, record, own, site, effective, sectionId, ticks.now());
            held.pendingHolder = null;
            return null;
        }
        if (held.depth() > 0 || held.lightLock != null) {
            noteLockOrder(held, record, site, key);
        }
        ThreadState.Held entry = held.push(key);
        entry.record = record;
        entry.stats = own;
        entry.site = site;
        entry.sectionId = sectionId;
        entry.waited = waited;
        entry.mode = effective;
        entry.holder = waited >= 0 ? held.pendingHolder : null;
        held.pendingHolder = null;
        entry.tick = ticks.now();
        entry.since = !timed ? NOT_TIMED : acquiredAt != NOT_TIMED ? acquiredAt : System.nanoTime();
        return entry;
    }

    /**
     * Edges from every lock held to this one, except the other keys of the same multi-key
     * acquisition ({@code key} is its handle): the library takes those in its own canonical
     * order, which the collection's order need not show.
     */
    private static void noteLockOrder(ThreadState held, LockRecord record, InstrumentedSite site, Object key) {
        LockRecord group = record.group();
        if (held.lightLock != null && held.lightLock != key) {
            // Taken before everything on the stack (nothing is held lightly over a stack entry).
            LockRecord before = held.lightRecord.group();
            if (before != group) {
                before.edgeTo(group, site, held.threadName);
            }
        }
        for (int i = 0; i < held.depth(); i++) {
            LockRecord before = held.recordAt(i).group();
            if (before != group && held.keyAt(i) != key) {
                before.edgeTo(group, site, held.threadName);
            }
        }
    }

    /** First acquisition of {@code lock} at this site by this thread (or the slot was taken since). */
    private int cacheMiss(ThreadState held, Object lock, int siteId, int mode) {
        held.busy = true;
        try {
            InstrumentedSite site = sites.get(siteId);
            LockRecord record = recordFor(lock, site, mode);
            if (record == null) {
                return -1; // beyond --max-locks: counted as untracked
            }
            ThreadLockStats own = held.statsFor(record, threadStatsBudget, holdsWhenContendedOnly, retired.passes());
            return held.cache(lock, siteId, site, record, own);
        } finally {
            held.busy = false;
        }
    }

    @Override
    public void failed(Object lock, int siteId, int mode) {
        try {
            failSlowly.invokeExact(lock, siteId, mode);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /** A failed attempt, out of line (through {@link #failSlowly}): none of it is inlined into the application. */
    private void failedSlowly(Object lock, int siteId, int mode) {
        failed(current(), lock, siteId, mode);
    }

    private void failed(ThreadState held, Object lock, int siteId, int mode) {
        held.pendingSection = -1;
        held.attemptLock = null;
        if (held.busy || lock instanceof KeyedLockTokens.KeyToken[]) {
            return;
        }
        int slot = held.cached(lock, siteId);
        if (slot < 0) {
            slot = cacheMiss(held, lock, siteId, mode);
        }
        if (slot >= 0) {
            held.cachedRecord(slot).tryFailures.increment();
        }
        Reference.reachabilityFence(lock); // see releasedSlowly
    }

    /**
     * After the release, outside the critical section. The common case (the lock on top of the
     * stack, its hold not timed, no wait to record) is a pop, small enough to inline; the rest
     * is {@link #releasedSlowly}.
     */
    @Override
    public void released(Object lock, int siteId) {
        try {
            ThreadState held = current();
            if (held.lightLock == lock) {
                if (held.releaseLightly(ticks.now())) {
                    return;
                }
            } else if (!held.busy && held.popUntimed(lock, ticks.now())) {
                return;
            }
            releaseSlowly.invokeExact(held, lock);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /**
     * Every release {@link #released} does not finish itself: reentrant levels, out-of-order
     * releases, releases of locks this thread never took through a hook, multi-key handles,
     * and the recording of timed holds (1 in 256 on hot locks), of long holds (see
     * {@link HoldTicks}) and of waits.
     */
    private void releasedSlowly(ThreadState held, Object lock) {
        try {
            if (held.busy) {
                return;
            }
            if (held.lightLock == lock) {
                releasedLightly(held);
                return;
            }
            ThreadState.Held entry = held.release(lock);
            if (entry == null) {
                // Acquired before the session started, on another thread (StampedLock), or untracked.
                unmatchedReleases.increment();
                return;
            }
            if (entry == ThreadState.INNER_LEVEL) {
                return;
            }
            long now = NOT_TIMED;
            long tick = ticks.now();
            while (true) {
                boolean longHold = HoldTicks.isLong(entry.tick, tick);
                if (entry.since != NOT_TIMED || (longHold && entry.stats != null && entry.stats.holdsMeasured())) {
                    if (now == NOT_TIMED) {
                        now = System.nanoTime();
                    }
                    boolean timed = entry.since != NOT_TIMED;
                    long hold = timed ? Math.max(0L, now - entry.since) : ticks.estimate(entry.tick, tick, now);
                    // Attributed to the section's site when a lock helper took the lock.
                    InstrumentedSite section = entry.sectionId < 0 ? null : sites.get(entry.sectionId);
                    InstrumentedSite site = section != null ? section : entry.site;
                    if (hold >= events.heldThresholdNanos()) {
                        events.held(eventOf(entry.record, site, entry.mode, null), hold);
                    }
                    if (!timed) {
                        entry.stats.heldUntimed(hold, site);
                    } else if (entry.stats != null) {
                        entry.stats.held(hold, site, longHold);
                    } else {
                        // Beyond the per-thread budget: the lock's shared statistics.
                        entry.record.recordHold(hold);
                        if (site != null) {
                            WaitTally tally = entry.record.holdsBySite.get(site);
                            if (tally == null) {
                                tally = entry.record.holdsBySite.computeIfAbsent(site, s -> new WaitTally());
                            }
                            tally.add(hold);
                        }
                    }
                }
                if (entry.waited >= 0) {
                    LockRecord record = entry.record;
                    InstrumentedSite site = entry.site;
                    record.recordWait(entry.waited, site, held);
                    if (site != null) {
                        site.waits.add(entry.waited);
                    }
                    if (entry.holder != null) {
                        record.recordWaitOnHolder(entry.holder, site, entry.waited);
                    }
                    if (events != LockEvents.NONE) {
                        events.contended(eventOf(record, site, entry.mode, entry.holder), entry.waited);
                    }
                }
                if (!entry.multiKey) {
                    return;
                }
                // A multi-key handle: its other keys' entries go with the same close().
                entry = held.release(lock);
                if (entry == null || entry == ThreadState.INNER_LEVEL) {
                    return;
                }
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        } finally {
            // The lock must stay reachable until its record's last write here: a record is
            // retired (and its figures folded) once its lock has been collected.
            Reference.reachabilityFence(lock);
        }
    }

    /** The release of a light hold that {@link ThreadState#releaseLightly} did not finish: an inner level, or a long hold. */
    private void releasedLightly(ThreadState held) {
        if (held.lightReentries > 0) {
            held.lightReentries--;
            return;
        }
        long tick = ticks.now();
        boolean longHold = HoldTicks.isLong(held.lightTick, tick);
        ThreadLockStats stats = held.lightStats;
        held.lightLock = null;
        if (longHold && stats.holdsMeasured()) {
            // Not timed, so counted in the long holds' stratum, as a long hold popped from the stack is.
            long now = System.nanoTime();
            long hold = ticks.estimate(held.lightTick, tick, now);
            InstrumentedSite section = held.lightSection < 0 ? null : sites.get(held.lightSection);
            InstrumentedSite site = section != null ? section : held.lightSite;
            if (hold >= events.heldThresholdNanos()) {
                events.held(eventOf(held.lightRecord, site, held.lightMode, null), hold);
            }
            stats.heldUntimed(hold, site);
        }
    }

    @Override
    public void viewOf(Object view, Object owner, int mode, int siteId) {
        try {
            ThreadState held = current();
            if (held.busy || !held.firstViewAt(view, siteId)) {
                return;
            }
            held.busy = true;
            try {
                InstrumentedSite site = sites.get(siteId);
                LockRecord viewRecord = recordFor(view, site, mode);
                if (viewRecord != null && viewRecord.owner() == null) {
                    LockRecord ownerRecord = recordFor(owner, site, EXCLUSIVE);
                    if (ownerRecord != null) {
                        viewRecord.ownedBy(ownerRecord);
                    }
                }
            } finally {
                held.busy = false;
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void enteringSection(int siteId) {
        try {
            current().pendingSection = siteId;
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /**
     * A contended wait that bytecode could not time, reported from outside the waiting thread
     * (a JFR {@code jdk.JavaMonitorEnter} event of a synchronized method): attributed to the lock
     * that thread last took at {@code siteId}, else to the lock the site first saw; the holder is
     * the thread JFR names as the monitor's previous owner ({@code holderThreadId} -1 and
     * {@code holderName} null when it names none).
     */
    public void monitorWaited(int siteId, long javaThreadId, String threadName, long waitNanos, long holderThreadId,
            String holderName) {
        try {
            InstrumentedSite site = sites.get(siteId);
            if (site == null) {
                return;
            }
            ThreadState thread = threads.byThreadId(javaThreadId);
            LockRecord record = thread == null ? null : thread.recordLastLockedAt(siteId);
            if (record == null) {
                record = site.firstRecord;
            }
            if (record == null) {
                return;
            }
            long wait = Math.max(0L, waitNanos);
            record.contended.increment();
            record.sawContention();
            record.recordWait(wait, site, thread);
            site.waits.add(wait);
            if (holderName != null) {
                record.recordWaitOnHolder(LockHolders.afterMethodWait(threads, record, holderThreadId, holderName),
                        site, wait);
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    private static LockEvents.LockEvent eventOf(LockRecord record, InstrumentedSite site, int mode,
            LockHolders.Sighting holder) {
        return new LockEvents.LockEvent(record.id, record.label(), record.className,
                SnapshotAssembler.modeOf(mode != BY_CLASS ? mode : record.mode, 0, 0), site == null ? null : site.className(),
                site == null ? null : site.methodName(), site == null ? 0 : site.line(),
                holder == null ? null : holder.thread(), holder == null || holder.heldAt() == null ? null
                        : holder.heldAt().where(), holder == null || holder.heldAt() == null ? List.of()
                                : record.holderStack(holder.thread(), holder.heldAt()));
    }

    private LockRecord recordFor(Object lock, InstrumentedSite site, int mode) {
        LockRecord record = table.find(lock);
        if (record == null) {
            record = table.register(lock, id -> new LockRecord(id, lock, kindOf(lock), modeOf(lock, mode)));
            if (record == null) {
                return null;
            }
        }
        if (site != null) {
            if (record.firstSite == null) {
                record.firstSite = site;
            }
            if (site.firstRecord == null) {
                site.firstRecord = record;
            }
            if (lock instanceof KeyedLockTokens.KeyToken token) {
                record.offerLabel(token.label(site.label()), site.label() != null ? site.labelSource() : "name");
            } else if (site.label() != null) {
                record.offerLabel(site.label(), site.labelSource());
            } else if (record.labelSource() == null) {
                record.offerLabel(site.where(), "site");
            }
        }
        return record;
    }

    /** The kind the report shows; lockopt's own locks are recognised by package. */
    static LockKind kindOf(Object lock) {
        if (lock instanceof ReentrantLock) {
            return LockKind.REENTRANT_LOCK;
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock
                || lock instanceof ReentrantReadWriteLock) {
            return LockKind.REENTRANT_READ_WRITE_LOCK;
        }
        String name = lock.getClass().getName();
        if (lock instanceof StampedLock || name.startsWith("java.util.concurrent.locks.StampedLock$")) {
            return LockKind.STAMPED_LOCK;
        }
        if (lock instanceof KeyedLockTokens.KeyToken) {
            return LockKind.LOCKOPT_KEYED_LOCKS;
        }
        if (LockKind.isLockoptClass(name)) {
            return LockKind.LOCKOPT_LOCK;
        }
        if (!(lock instanceof java.util.concurrent.locks.Lock) && !(lock instanceof java.util.concurrent.locks.ReadWriteLock)) {
            return LockKind.SYNCHRONIZED;
        }
        return LockKind.OTHER_LOCK;
    }

    private static int modeOf(Object lock, int requested) {
        if (lock instanceof StampedLock || lock instanceof KeyedLockTokens.KeyToken
                || lock.getClass().getName().equals(LOCKOPT_READ_WRITE_LOCK)) {
            return EXCLUSIVE; // one object taken both ways: the mode is per acquisition
        }
        if (requested == READ || requested == WRITE) {
            return requested;
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock) {
            return READ;
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            return WRITE;
        }
        String name = lock.getClass().getName();
        if (name.endsWith("ReadLockView") || name.endsWith("$ReadLock") || name.endsWith("$ReadView")) {
            return READ;
        }
        if (name.endsWith("WriteLockView") || name.endsWith("$WriteLock") || name.endsWith("$WriteView")) {
            return WRITE;
        }
        return EXCLUSIVE;
    }

    /** Stops the coarse clock's thread; the recorder is not used after this. */
    public void close() {
        ticks.close();
        monitorHolders.close();
    }

    /** Tests: a monitor holders' sampler over this recorder's threads that scans only when told to. */
    MonitorHolderSampler monitorHolderSampler() {
        return new MonitorHolderSampler(threads);
    }

    /** Tests: one scan of the monitor holders' sampler now; how many holder stacks it kept. */
    int sampleMonitorHolders() {
        return monitorHolders.scan(true);
    }

    /**
     * Reporter thread only (serialized with {@link #snapshot}): folds the records of the lock
     * instances collected since the last call into their labels' retired instances
     * ({@link RetiredLocks}). Returns how many were retired.
     */
    public int retireCollected() {
        return retired.retireCollected(table, sites, threadStatsBudget);
    }

    /** How many lock instances the recorder keeps a record of now (not counting retired ones). */
    public int liveRecords() {
        return table.size();
    }

    /**
     * Reporter thread only: the statistics so far. First retires the records of lock instances
     * collected since the last call ({@link RetiredLocks}): this periodic call is what keeps the
     * recorder's memory bounded by the locks alive, not by all the locks ever seen.
     */
    public Snapshot snapshot(SnapshotRequest request) {
        retireCollected();
        return SnapshotAssembler.assemble(request, table, retired.records(), sites, unmatchedReleases.sum(),
                errors.get());
    }
}
