package io.lockopt.locks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A named read/write lock with try-with-resources handles, timeouts, contention statistics and
 * an optimistic read.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Underlying lock.</b> {@link ReentrantReadWriteLock}: it is reentrant (a service calling
 *     back into itself under the lock does not deadlock), offers a fair mode, timed and
 *     interruptible acquisition, downgrading (write, then read, then release the write), and
 *     throws {@link IllegalMonitorStateException} when a thread releases what it does not hold.
 *     {@link StampedLock} has none of these. A lock word of our own (no AQS) was considered
 *     and not built: without statistics this class costs 1.1x the CPU time of the bare JDK
 *     lock per uncontended read ({@code scripts/issue13/primitive-cpu-time.sh}), so the JDK
 *     lock is not where the time goes; the statistics' cost was the size of the code they
 *     compiled into every caller (below).</li>
 * <li><b>Optimistic reads: a seqlock, not a second lock.</b> Until 2026-12 a {@link StampedLock}
 *     sat beside the read/write lock only for its optimistic reads, so every outermost write
 *     paid twice: a CAS to take the StampedLock's write lock and a volatile store to give it
 *     back, on top of the JDK lock's own two atomic operations. But writers are already
 *     serialized by the read/write lock, so the second lock's mutual exclusion bought nothing;
 *     only its version word was used. That word is now owned by this class,
 *     {@code versionWord}, maintained as a sequence lock (Lameter 2005; the memory-model recipe is
 *     Boehm, "Can seqlocks get along with programming language memory models?", MSPC 2012,
 *     which is also how {@link StampedLock#tryOptimisticRead()} and
 *     {@link StampedLock#validate(long)} work): the outermost writer stores {@code version+1}
 *     (odd: a write is in progress) with a release fence after it, and {@code version+2} with
 *     a release store just before it unlocks. Two plain stores instead of a CAS and a
 *     volatile store. An optimistic reader loads the version with acquire (odd: give up at
 *     once), reads, issues an acquire fence and loads the version again: unchanged means no
 *     write section overlapped its reads.</li>
 * <li><b>The version word is padded and created on first use.</b> As a field of the lock it
 *     shared a cache line with {@code rwLock} and {@code recorder}, which every reader loads on
 *     every acquisition, so each write took that line away from all reader cores twice (false
 *     sharing, JMH sample 22): readers that never read optimistically paid for the seqlock. Now
 *     the word is a {@link PaddedCounter} (its own cache lines) that the first
 *     {@link #tryOptimisticRead()} creates; until then writers find the field null and do no
 *     version work at all, which is also the case of every {@link KeyedLocks} key (it has no
 *     optimistic reads). Creating the word races with writers, so it happens under a read hold
 *     taken with {@code tryLock()}: no write section is open at that moment (a writer that
 *     found no word bumps nothing, at acquisition or release, and the lock orders every later
 *     writer after the installation); the one exception, a thread reading optimistically
 *     inside its own write section, installs nothing and gets stamp 0. A lock read
 *     optimistically pays 280 bytes for the padded word (JOL, {@code FootprintTest}).</li>
 * <li><b>Who races with whom.</b> Readers and writers race on the JDK lock, which is safe by
 *     construction. Only the thread holding the write lock writes the version, so its
 *     read-increment-store needs no CAS; the lock's release/acquire orders successive writers'
 *     stores. Optimistic readers race with that writer on the version (the seqlock argument
 *     above) and on the guarded data, which is why a {@link #optimisticRead} section may see a
 *     half-written state and must not act on it before {@link #validate}. All threads race on
 *     the statistics recorder: each thread writes a stripe of counters it owns with plain
 *     single-writer stores, threads without a stripe of their own share one stripe updated
 *     atomically, and the wait histogram is striped by thread (see
 *     {@link ConcurrentLockStatsRecorder}). Writers that are about to wait race with each other
 *     on {@code waitingWriters} (atomic add) and with readers, who only read it as a hint (see
 *     "Fairness and starvation"). A {@link LockHandle} is used by one thread; its
 *     fields are therefore plain.</li>
 * <li><b>Statistics stay out of the critical section.</b> An acquisition is counted before the
 *     lock is requested (one plain increment on a counter line the calling thread owns,
 *     see {@link ConcurrentLockStatsRecorder}; taken back on timeout or interrupt). Its wait
 *     and hold are carried in its handle and recorded only after the JDK lock has been
 *     released, so counters never lengthen the time other threads wait for the lock; what
 *     remains inside is the read-hold count for the peak (a load of the lock word just
 *     written) and, for sampled holds, the clock. With statistics on, the uncontended path
 *     tries {@code tryLock()} first and reads the clock only when that fails, so wait times
 *     cost nothing until there is contention. Hold times need two {@code System.nanoTime()}
 *     calls (about 26 ns each on the project's machine, three times an uncontended lock), so
 *     every thread's first {@value ConcurrentLockStatsRecorder#EXACT_HOLDS} holds per mode are
 *     timed (a lock used a few times has exact figures) and after that, by default, one in
 *     {@value #DEFAULT_HOLD_TIME_SAMPLING}, the total scaled up; which one is decided by the
 *     acquisition count the recorder returns, so sampling costs no random draw. One in 64 (the
 *     earlier default) cost 1.3x the JDK lock's CPU time per uncontended read against 1.1x at
 *     one in 1,024: the two clock reads per sample, and a sampled release hot enough for C2 to
 *     inline it (below). Locks whose hold times matter more than their speed set
 *     {@link Builder#holdTimeSampling(int)} to 1.</li>
 * <li><b>{@link #optimisticRead} is a thin layer over the stamp pair.</b> It is
 *     {@link #tryOptimisticRead()}, the section, {@link #validate}, and on failure the section
 *     again under the read lock, counted as a retry (exactly: a retry takes the read lock
 *     anyway). A successful optimistic read records nothing unless the lock keeps exact
 *     statistics ({@code holdTimeSampling(1)}); its {@link LockStats#optimisticReads()} is
 *     then {@link LockStats#NOT_COUNTED}. Any count costs as much as the read: measured
 *     (2026-12-04, {@code scripts/issue13/primitive-cpu-time.sh} and a LongSupplier form, CPU
 *     time per read) a read of two fields is 1.2 ns raw ({@link StampedLock}) and 1.2 ns here
 *     without a count, 2.5 ns with an exact count on the thread's own stripe (finding the
 *     stripe is a dependent load chain from {@code Thread.currentThread()}) and 2.8-3.2 ns
 *     with the one-in-64 {@code ThreadLocalRandom} draw that was here until then (its seed
 *     is a load and a store per call). No sampling without a per-call draw or count exists,
 *     and the issue-13 budget for the whole layer is 0.4x the read, so successes go
 *     uncounted; the ratio that matters for tuning, retries per write or per read-lock
 *     acquisition, stays available.</li>
 * <li><b>The lambda of an optimistic read escapes once its retry is compiled.</b> Escape
 *     analysis removes the caller's lambda only if {@link #optimisticRead} (or
 *     {@link #optimisticReadLong}) is inlined into the caller and the lambda is handed to no
 *     call C2 cannot see into, so the retry runs the reader in the method itself. That is not
 *     enough once the retry path is compiled at all (a benchmark with writes,
 *     {@code rwlock.readMostly}): C2 on Java 17 then allocates the lambda on every call, 24 B
 *     (JMH {@code -prof gc}: 21.6 B/op at 90% reads), because the lambda is used again after a
 *     call that is not inlined (the read lock's); a bare {@code Thread.yield()} before the
 *     second use does the same, and with no call between the two uses it is 0 B/op (measured
 *     2026-12-04). Taking the lock through method handles C2 does not inline changed nothing
 *     (still 21.6 B/op) and made Lincheck's model checker crawl (it cannot switch threads inside
 *     a method-handle call that parks), so the retry stays plain. A caller that cannot afford
 *     the allocation uses the stamp pair, which has no lambda.</li>
 * <li><b>Machine code size is part of the cost.</b> The JIT inlines a method into an already
 *     compiled caller only if its machine code is under {@code InlineSmallCode} (2,500 bytes
 *     on x86-64). With the clock reads, the hold recording and the stripe claim compiled into
 *     every uncontended acquire-and-release, a read section came to 3.1 KB against 1.6 KB
 *     without statistics, was called instead of inlined, and cost 2x the JDK lock's time
 *     (measured with {@code -XX:+PrintInlining} and {@code -XX:CompileCommand=print}). So
 *     the rare parts live in methods of their own ({@link #releaseAndRecord}, the recorder's
 *     stripe claim), the peak-readers check is one comparison unless readers overlap, and an
 *     acquisition that neither waited nor is sampled releases with exactly the work a lock
 *     without statistics does.</li>
 * <li><b>No allocation per acquisition.</b> Every path creates its handle in one small
 *     method ({@link #handle}; one allocation per mode, of which C2 parses only the one its
 *     constant mode selects), and the handle does not escape when the caller uses
 *     try-with-resources, so the JIT's escape analysis removes it (check with JMH
 *     {@code -prof gc}: {@code gc.alloc.rate.norm} is 0 B/op for {@code rwlock.read}). Two
 *     sites merging into one variable defeat escape analysis on Java 17, which is what made
 *     the earlier version allocate 32 bytes per read with statistics on. {@link KeyedLocks}
 *     takes its locks in pieces ({@link #tryAcquire}, {@link #acquireAfterTry},
 *     {@link #lockUnlessRetired}) and calls {@link #handle} itself, after its own hot and slow
 *     paths merged (see its design notes).</li>
 * <li><b>The handle must stay inlinable.</b> Escape analysis removes the handle only if its
 *     {@code close()} is inlined into the caller, and C2 does not inline a method whose own
 *     compiled code is over {@code InlineSmallCode} (2,500 bytes): "already compiled into a
 *     big method". Hot methods are also compiled on their own, in an order that differs from
 *     run to run, so a {@code close()} compiled first, and big, made the handle escape in some
 *     JVMs and not in others: {@code rwlock.writerReaders} forks allocated 2-5 or 36-61 B/op
 *     (the 48-byte handle), {@code keyed.update} 48 B/op in 4 forks of 4 (2026-12-04), and
 *     in the paired harness ({@code scripts/issue13/writer-readers-pairs.sh}) forcing
 *     {@code close()} inline and the recording out of line (JIT flags) took the lock
 *     without statistics from about 0.65x to 0.85-1.0x of the JDK lock in
 *     {@code writerReaders}. Measured with {@code -XX:CompileCommand=print}: with statistics a
 *     {@code close()} compiled on its own was 2.6-7.5 KB, because it inlined both modes'
 *     unlocks and the whole recording of waits and holds. So each mode has its own handle
 *     class and {@code close()} ({@link ReadHandle}, {@link WriteHandle}: 2.3-2.6 KB and about
 *     1 KB, the read side being mostly the JDK's own read-hold bookkeeping), and the recording
 *     ({@link #releaseAndRecord}) is called through a method handle that is not a constant,
 *     which C2 never inlines (a few nanoseconds, on releases that waited or are sampled only).
 *     The read side stays near the limit: its remaining size is the JDK lock's.</li>
 * <li><b>Current and peak readers.</b> Not a counter of their own (readers would then contend
 *     on a second cache line): after each read acquisition the read-hold count is read from the
 *     lock's state word, which the acquisition just wrote, and, when it is above one, offered
 *     to a max-accumulator that writes only on a new peak (a peak of one follows from any read
 *     acquisition, so a lone reader records nothing). Reentrant read holds count again.</li>
 * <li><b>Fairness and starvation.</b> {@code tryLock()} barges past queued threads, even on a
 *     fair lock, and on the read side it skips the non-fair lock's rule that readers wait when
 *     a writer is first in the queue: with many readers a writer would starve. So a fair lock
 *     takes the fast path only when nobody is queued; a non-fair writer barges in
 *     {@code lock()} anyway, so its fast path is a plain {@code tryLock()}; a reader of a
 *     non-fair lock takes it only when no writer waits. Which writers wait is counted by the
 *     writers themselves ({@code waitingWriters}: incremented by a writer whose
 *     {@code tryLock()} failed before it queues, decremented when it releases the lock it
 *     waited for, or when it timed out or was interrupted), because the JDK lock exposes only
 *     "anyone queued": until 2026-12-04 readers checked that, and every reader arriving while other readers were still queued
 *     (a write releases them one wake-up at a time) took the timed path, 20-76% of all reads
 *     in {@code rwlock.writerReaders} at a wait of a few dozen nanoseconds, each with a clock
 *     read inside the critical section. The count races with readers only as the JDK's own
 *     check does (a reader that reads it just before a writer counts itself barges once, as
 *     one that reads the queue just before the writer enqueues); a reader that sees a waiting
 *     writer calls {@code lock()}, which applies the JDK's rule, so reentrant reads still get
 *     in. Checked by {@code MeteredReadWriteLockContentionTest}
 *     ({@code aReaderQueuesBehindAWaitingWriterInsteadOfBargingPastIt},
 *     {@code writersThatGaveUpNoLongerHoldReadersBack}).</li>
 * <li><b>The waiting writer leaves after its release.</b> Until 2026-12-04 a writer that
 *     waited decremented {@code waitingWriters} as soon as it held the lock: an atomic
 *     read-modify-write, inside the critical section, of the line every reader of the lock
 *     loads (so a transfer of that line from the readers' cores while everyone else waits).
 *     Now its handle's release does it, after the unlock ({@link #releaseAndRecord}, which every
 *     acquisition that waited goes through anyway). While the writer holds the lock a reader
 *     could not get in by {@code tryLock()} either; a reader arriving between the unlock and
 *     the decrement calls {@code lock()}, which lets it in at once when no other writer is
 *     queued (counted as a contended read of a few nanoseconds). Checked by
 *     {@code aWriterThatWaitedHoldsReadersBackUntilItsReleaseOnly} (fails without the
 *     decrement). A {@link KeyedLocks} acquisition that finds its entry retired takes the
 *     count back before it throws, since no handle will.</li>
 * </ul>
 */
public final class MeteredReadWriteLock {

    /**
     * Set in every stamp {@link #tryOptimisticRead()} hands out, so that a lock never written
     * (version 0) still gives a non-zero stamp; versions are even when stamps are taken.
     */
    private static final long WRITES_SEEN = 1L;

    /**
     * By default one hold in this many is timed, after the first
     * {@value ConcurrentLockStatsRecorder#EXACT_HOLDS} of each thread and mode, which are all
     * timed; see {@link Builder#holdTimeSampling(int)}.
     */
    public static final int DEFAULT_HOLD_TIME_SAMPLING = 1024;

    /** {@link Handle#waitNanos} of an acquisition that did not wait. */
    private static final long UNCONTENDED = -1L;
    /**
     * {@link Handle#startNanos} of a hold that is not timed. {@code System.nanoTime()} could in
     * principle return it; that hold would then go unmeasured, once in 2^64 samples.
     */
    private static final long NOT_TIMED = Long.MIN_VALUE;
    /** Marks an acquisition whose hold is sampled; waits stay far below 2^62 ns. */
    private static final long TIMED_BIT = 1L << 62;
    private static final VarHandle VERSION_WORD;
    private static final VarHandle WAITING_WRITERS;
    /**
     * {@link #releaseAndRecord}, called through this handle by {@link #releaseAndRecordOutOfLine}.
     * Deliberately not {@code final}: C2 inlines through a method handle only when it is a
     * constant, and a {@code static final} one is; this one is written once, here, and never
     * again.
     */
    @SuppressWarnings("FieldMayBeFinal")
    private static MethodHandle releaseAndRecordHandle;
    static {
        try {
            VERSION_WORD = MethodHandles.lookup()
                    .findVarHandle(MeteredReadWriteLock.class, "versionWord", PaddedCounter.class);
            WAITING_WRITERS = MethodHandles.lookup()
                    .findVarHandle(MeteredReadWriteLock.class, "waitingWriters", int.class);
            releaseAndRecordHandle = MethodHandles.lookup().findVirtual(MeteredReadWriteLock.class,
                    "releaseAndRecord", MethodType.methodType(void.class, LockMode.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The name, or an object whose {@code toString()} is the name ({@link KeyedLocks} passes its
     * per-key entry, so that a key's lock does not keep a string of its own).
     */
    private final Object name;
    private final ReentrantReadWriteLock rwLock;
    private final LockStatsRecorder recorder;
    /**
     * The seqlock word of optimistic reads, on cache lines of its own: odd while a write section
     * runs, bumped by 2 per write. Null until the first optimistic read installs it (under a
     * read hold, see {@link #installVersionWord}); writers of a lock nobody reads
     * optimistically skip it. Its value is written only by the write-lock holder; the field is
     * set once, by CAS through {@link #VERSION_WORD}, and read plainly by write-lock holders
     * (the lock orders them after the installation).
     */
    private PaddedCounter versionWord;
    /**
     * Writers of a metered lock that are waiting (or about to wait) in the JDK lock's queue,
     * or hold the lock they waited for until they release it (see the design notes):
     * written atomically ({@link #WAITING_WRITERS}) only by writers whose {@code tryLock()}
     * failed, read by every reader of a metered non-fair lock before its {@code tryLock()} (see
     * {@link #tryWithoutWaiting}). Not padded: it shares the line of the fields every reader
     * loads, but it changes only when a writer is about to park and after it released,
     * which costs far less than the park, unlike the seqlock version that every write bumped
     * (see the design notes). It fits the object's alignment gap: no footprint.
     */
    @SuppressWarnings("unused") // through WAITING_WRITERS
    private volatile int waitingWriters;

    private MeteredReadWriteLock(Builder builder) {
        this.name = builder.nameSource != null ? builder.nameSource : builder.name;
        this.rwLock = new ReentrantReadWriteLock(builder.fair);
        this.recorder = builder.statistics
                ? new ConcurrentLockStatsRecorder(builder.holdTimeSampling) : LockStatsRecorder.DISABLED;
    }

    /** A non-fair lock with statistics on. */
    public static MeteredReadWriteLock create(String name) {
        return builder(name).build();
    }

    /** Starts building a lock; {@code name} identifies it in statistics, JMX and exceptions. */
    public static Builder builder(String name) {
        return new Builder(requireName(name, "name"));
    }

    public String name() {
        return name.toString();
    }

    public boolean isFair() {
        return rwLock.isFair();
    }

    public boolean statisticsEnabled() {
        return metered();
    }

    /** Whether the current thread holds the write lock. */
    public boolean isWriteLockedByCurrentThread() {
        return rwLock.isWriteLockedByCurrentThread();
    }

    /** An estimate of the number of threads waiting for this lock, for monitoring and tests. */
    public int queueLength() {
        return rwLock.getQueueLength();
    }

    /** Acquires the read lock, waiting as long as it takes. */
    public LockHandle read() {
        return handle(LockMode.READ, lock(LockMode.READ, null), null);
    }

    /** Acquires the write lock, waiting as long as it takes. */
    public LockHandle write() {
        return handle(LockMode.WRITE, lock(LockMode.WRITE, null), null);
    }

    /**
     * Acquires the read lock, waiting at most {@code timeout}. An interrupt does not end the
     * wait; it is kept and re-asserted on return.
     *
     * @throws LockTimeoutException if the lock was not available in time
     */
    public LockHandle read(Duration timeout) throws LockTimeoutException {
        return handle(LockMode.READ, acquireTimed(LockMode.READ, rwLock.readLock(), timeout), null);
    }

    /**
     * Acquires the write lock, waiting at most {@code timeout}. An interrupt does not end the
     * wait; it is kept and re-asserted on return.
     *
     * @throws LockTimeoutException if the lock was not available in time
     */
    public LockHandle write(Duration timeout) throws LockTimeoutException {
        return handle(LockMode.WRITE, acquireTimed(LockMode.WRITE, rwLock.writeLock(), timeout), null);
    }

    /** Acquires the read lock unless the thread is interrupted first or while waiting. */
    public LockHandle readInterruptibly() throws InterruptedException {
        return handle(LockMode.READ, acquireInterruptibly(LockMode.READ, rwLock.readLock()), null);
    }

    /** Acquires the write lock unless the thread is interrupted first or while waiting. */
    public LockHandle writeInterruptibly() throws InterruptedException {
        return handle(LockMode.WRITE, acquireInterruptibly(LockMode.WRITE, rwLock.writeLock()), null);
    }

    /**
     * Starts an optimistic read, as {@link StampedLock#tryOptimisticRead()} does: a stamp to
     * {@link #validate} after reading, or 0 while a write is in progress. No shared write, no
     * statistics; pair it with {@link #validate} and fall back to {@link #read()} on failure.
     */
    public long tryOptimisticRead() {
        PaddedCounter word = (PaddedCounter) VERSION_WORD.getAcquire(this);
        if (word == null && (word = installVersionWord()) == null) {
            return 0L; // a write section is open (or the read lock is busy): fall back, as on odd
        }
        long stamp = word.getAcquire();
        return (stamp & 1L) == 0L ? stamp | WRITES_SEEN : 0L;
    }

    /**
     * The first optimistic read's step: creates the version word while holding a read lock
     * taken without waiting, so that no write section is open when the word appears (a writer
     * that found no word at its acquisition does not bump it at its release either). Returns
     * null when that cannot be done at once: the read lock is not free, or the calling thread
     * itself holds the write lock (its own section did not bump the word). Racing installers
     * both hold the read lock; the CAS keeps one word.
     */
    private PaddedCounter installVersionWord() {
        Lock read = rwLock.readLock();
        if (!read.tryLock()) {
            return null;
        }
        try {
            if (rwLock.isWriteLocked()) {
                return null; // held by this thread: we hold a read lock, so nobody else can
            }
            PaddedCounter created = new PaddedCounter();
            PaddedCounter witness = (PaddedCounter) VERSION_WORD.compareAndExchange(this, null, created);
            return witness == null ? created : witness;
        } finally {
            read.unlock();
        }
    }

    /**
     * Whether no write section began since {@code stamp} was returned by
     * {@link #tryOptimisticRead()} (0 never validates); as {@link StampedLock#validate(long)},
     * its acquire fence orders the reads made before it ahead of the check.
     */
    public boolean validate(long stamp) {
        VarHandle.acquireFence();
        if (stamp == 0L) {
            return false;
        }
        // A non-zero stamp came from the installed word, which is never replaced.
        PaddedCounter word = (PaddedCounter) VERSION_WORD.getOpaque(this);
        return word != null && (stamp & ~WRITES_SEEN) == word.getOpaque();
    }

    /**
     * Runs {@code reader} without locking and returns its result if no write happened
     * meanwhile; otherwise runs it again under the read lock (counted as a retry). For tiny
     * read sections of plain fields: {@code reader} may see a half-written state on the first
     * run, so it must not loop on, or act upon, what it reads; an exception it throws on an
     * invalidated run is discarded and the read retried. A section that computes a
     * {@code long} is better served by {@link #optimisticReadLong}: boxing its result costs
     * more than the whole optimistic read once the value leaves {@code Long}'s cache.
     */
    public <T> T optimisticRead(Supplier<T> reader) {
        Objects.requireNonNull(reader, "reader");
        long stamp = tryOptimisticRead();
        if (stamp != 0L) {
            T value = null;
            try {
                value = reader.get();
            } catch (RuntimeException e) {
                if (validate(stamp)) {
                    throw e;
                }
                stamp = 0L;
            }
            if (stamp != 0L && validate(stamp)) {
                recorder.recordOptimisticRead();
                return value;
            }
        }
        // The retry runs the reader in this method: handed to a method the JIT does not inline,
        // the caller's lambda would escape on every call, retried or not.
        recorder.recordOptimisticRetry();
        try (LockHandle ignored = read()) {
            return reader.get();
        }
    }

    /**
     * {@link #optimisticRead(Supplier)} for a section whose result is a {@code long}, without
     * boxing it (a boxed result defeats escape analysis on Java 17: {@code Long.valueOf} merges
     * a cached and a new object).
     */
    public long optimisticReadLong(LongSupplier reader) {
        Objects.requireNonNull(reader, "reader");
        long stamp = tryOptimisticRead();
        if (stamp != 0L) {
            long value = 0L;
            try {
                value = reader.getAsLong();
            } catch (RuntimeException e) {
                if (validate(stamp)) {
                    throw e;
                }
                stamp = 0L;
            }
            if (stamp != 0L && validate(stamp)) {
                recorder.recordOptimisticRead();
                return value;
            }
        }
        recorder.recordOptimisticRetry();
        try (LockHandle ignored = read()) {
            return reader.getAsLong();
        }
    }

    /** An immutable snapshot of this lock's statistics. */
    public LockStats stats() {
        return recorder.snapshot(name(), rwLock.getReadLockCount());
    }

    @Override
    public String toString() {
        return "MeteredReadWriteLock[" + name + ", " + rwLock + "]";
    }

    /**
     * Acquires {@code mode} waiting as long as it takes; {@code listener}, if not null, is asked
     * whether the lock was retired once it is held (then the lock is released and
     * {@link Retired} thrown) and told after the handle has released the lock. For {@link KeyedLocks}, whose
     * per-key handle is this lock's own handle: one object per acquisition, allocated only on
     * success, which escape analysis removes; a wrapper around it, or a handle that a retry
     * path closes again, made it escape.
     */
    LockHandle acquire(LockMode mode, ReleaseListener listener) {
        return handle(mode, lock(mode, listener), listener);
    }

    /**
     * {@link #tryAcquire}'s result when the lock was busy: the acquisition is counted, not
     * sampled, and {@link #acquireAfterTry} waits for it.
     */
    static final long BUSY = -1L;
    /** {@link #tryAcquire}'s result when the lock was busy and the acquisition's hold is sampled. */
    static final long BUSY_SAMPLED = -2L;
    /** {@link #acquireAfterTry}'s result when the lock was retired while it waited (and released again). */
    static final long RETIRED = -3L;
    /**
     * {@link #tryAcquire}'s result when the calling thread has no statistics stripe of its own
     * yet: nothing counted, nothing locked; {@link #lockUnlessRetired} does the whole acquisition.
     */
    static final long NOT_STARTED = -4L;

    /**
     * For {@link KeyedLocks}' hot path: counts an acquisition of {@code mode} and takes the lock
     * if it can without waiting. Returns the acquisition for {@link #handle} (non-negative), or
     * {@link #BUSY}/{@link #BUSY_SAMPLED}, which {@link #acquireAfterTry} completes. No retired
     * check: the caller makes it (and releases with {@link #releaseRetired}), and no waiting
     * path, so that it compiles small enough for the caller, which allocates the handle, to be
     * inlined in turn (see {@link KeyedLocks}' design notes).
     */
    long tryAcquire(LockMode mode) {
        Lock lock = mode == LockMode.READ ? rwLock.readLock() : rwLock.writeLock();
        boolean sampled = false;
        if (metered()) {
            int started = recorder.startOwnedAcquisition(mode);
            if (started < 0) {
                return NOT_STARTED;
            }
            sampled = started != 0;
        }
        if (!tryWithoutWaiting(mode, lock)) {
            return sampled ? BUSY_SAMPLED : BUSY;
        }
        // A write skips acquired(): a KeyedLocks lock is never read optimistically, so it has
        // no version word to bump (one branch and its deoptimization stub less to compile).
        return mode == LockMode.READ ? acquired(mode, UNCONTENDED, sampled) : sampled ? TIMED_BIT : 0L;
    }

    /**
     * Waits for the lock that {@link #tryAcquire} found busy ({@code tried} is its result), then
     * asks {@code listener} whether the lock was retired meanwhile: if so releases it and returns
     * {@link #RETIRED}, otherwise returns the acquisition.
     */
    long acquireAfterTry(LockMode mode, long tried, ReleaseListener listener) {
        Lock lock = mode == LockMode.READ ? rwLock.readLock() : rwLock.writeLock();
        long waited = UNCONTENDED;
        if (!metered()) {
            lock.lock();
        } else {
            long start = System.nanoTime();
            waitingWriterArrives(mode);
            lock.lock();
            waited = System.nanoTime() - start;
        }
        if (listener.retired()) {
            lock.unlock();
            if (waited != UNCONTENDED) {
                waitingWriterLeaves(mode); // no handle will
            }
            return RETIRED;
        }
        return acquired(mode, waited, tried == BUSY_SAMPLED);
    }

    /**
     * The whole acquisition, for {@link KeyedLocks}' slow path: waits as long as it takes, then
     * asks {@code listener} whether the lock was retired meanwhile (then releases it and
     * returns {@link #RETIRED}); otherwise returns the acquisition.
     */
    long lockUnlessRetired(LockMode mode, ReleaseListener listener) {
        try {
            return lock(mode, listener);
        } catch (Retired e) {
            return RETIRED;
        }
    }

    /**
     * Gives back a lock that {@link #tryAcquire} took without waiting and its caller found
     * retired (a {@link KeyedLocks} entry reclaimed between the lookup and the lock).
     */
    void releaseRetired(LockMode mode) {
        unlock(mode);
    }

    /** The work of {@link #acquire(LockMode, ReleaseListener)}; returns the acquisition as a {@code long}. */
    private long lock(LockMode mode, ReleaseListener listener) {
        Lock lock = mode == LockMode.READ ? rwLock.readLock() : rwLock.writeLock();
        long waited = UNCONTENDED;
        boolean sampled = false;
        if (!metered()) {
            lock.lock();
        } else {
            sampled = recorder.startAcquisition(mode);
            if (!tryWithoutWaiting(mode, lock)) {
                long start = System.nanoTime();
                waitingWriterArrives(mode);
                lock.lock();
                waited = System.nanoTime() - start;
                // Still counted in waitingWriters: its handle's release takes it back, after the
                // unlock (see "The waiting writer leaves after its release").
            }
        }
        if (listener != null && listener.retired()) {
            lock.unlock();
            if (waited != UNCONTENDED) {
                waitingWriterLeaves(mode); // no handle will
            }
            throw Retired.INSTANCE;
        }
        return acquired(mode, waited, sampled);
    }

    private long acquireInterruptibly(LockMode mode, Lock lock) throws InterruptedException {
        if (!metered()) {
            lock.lockInterruptibly();
            return acquired(mode, UNCONTENDED, false);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before acquiring " + mode + " lock '" + name + "'");
        }
        boolean sampled = recorder.startAcquisition(mode);
        long waited = UNCONTENDED;
        if (!tryWithoutWaiting(mode, lock)) {
            long start = System.nanoTime();
            waitingWriterArrives(mode);
            boolean locked = false;
            try {
                lock.lockInterruptibly();
                locked = true;
            } catch (InterruptedException e) {
                recorder.abandonAcquisition(mode, false);
                throw e;
            } finally {
                if (!locked) {
                    waitingWriterLeaves(mode); // a holder leaves at its release
                }
            }
            waited = System.nanoTime() - start;
        }
        return acquired(mode, waited, sampled);
    }

    private long acquireTimed(LockMode mode, Lock lock, Duration timeout) throws LockTimeoutException {
        long timeoutNanos = requireTimeout(timeout);
        boolean sampled = metered() && recorder.startAcquisition(mode);
        if (tryWithoutWaiting(mode, lock)) {
            return acquired(mode, UNCONTENDED, sampled);
        }
        long start = System.nanoTime();
        boolean locked = false;
        waitingWriterArrives(mode);
        try {
            locked = tryLockUninterruptibly(lock, start, timeoutNanos);
        } finally {
            if (!locked) {
                waitingWriterLeaves(mode); // a holder leaves at its release
            }
        }
        long waited = System.nanoTime() - start;
        if (!locked) {
            if (metered()) {
                recorder.abandonAcquisition(mode, true);
            }
            throw new LockTimeoutException(name(), mode, timeout, Duration.ofNanos(waited));
        }
        return acquired(mode, waited, sampled);
    }

    private boolean tryWithoutWaiting(LockMode mode, Lock lock) {
        // tryLock() barges past queued threads. A fair lock's lock() never barges, so a fair
        // lock takes the fast path only when nobody is queued. A non-fair writer barges in
        // lock() as well (its writerShouldBlock() is false), so its tryLock() is lock()'s own
        // first attempt. A non-fair reader's lock() barges past queued readers but not past a
        // waiting writer (readerShouldBlock(): the first queued thread is a writer), the guard
        // against writer starvation that tryLock() skips; so a reader takes the fast path only
        // when no writer waits (waitingWriters, below). Checking hasQueuedThreads() instead,
        // as before 2026-12-04, sent every reader that arrived while other readers were still
        // queued (woken one by one after a write) down the timed path: 20-76% of the reads of
        // rwlock.writerReaders were counted contended, each paying two clock reads, one of
        // them inside the critical section, for a wait of a few dozen nanoseconds.
        if (rwLock.isFair()) {
            if (rwLock.hasQueuedThreads()) {
                return false;
            }
        } else if (mode == LockMode.READ
                && (metered() ? (int) WAITING_WRITERS.getOpaque(this) != 0 : rwLock.hasQueuedThreads())) {
            return false; // without statistics only timed reads get here: they check the whole queue
        }
        return lock.tryLock();
    }

    /**
     * A writer (of a metered, non-fair lock) is about to wait in the JDK lock's queue: from now
     * until {@link #waitingWriterLeaves} readers skip {@code tryLock()} and queue behind it.
     */
    private void waitingWriterArrives(LockMode mode) {
        if (mode == LockMode.WRITE && metered()) {
            WAITING_WRITERS.getAndAdd(this, 1);
        }
    }

    /**
     * The writer counted by {@link #waitingWriterArrives} released the lock it waited for
     * ({@link #releaseAndRecord}), timed out or was interrupted.
     */
    private void waitingWriterLeaves(LockMode mode) {
        if (mode == LockMode.WRITE && metered()) {
            WAITING_WRITERS.getAndAdd(this, -1);
        }
    }

    private static boolean tryLockUninterruptibly(Lock lock, long start, long timeoutNanos) {
        boolean interrupted = false;
        long remaining = timeoutNanos;
        try {
            while (true) {
                try {
                    return lock.tryLock(remaining, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    remaining = timeoutNanos - (System.nanoTime() - start);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Bookkeeping once the JDK lock is held: the seqlock version of an outermost write and the
     * peak readers. Returns the acquisition as one {@code long} (see {@link #handle}).
     */
    private long acquired(LockMode mode, long waited, boolean timed) {
        if (mode == LockMode.WRITE) {
            PaddedCounter word = versionWord;
            if (word != null && rwLock.getWriteHoldCount() == 1) {
                // Odd: a write section is open. The release fence keeps this store ahead of the
                // section's stores, so a reader that saw any of them also sees the odd version.
                word.setOpaque(word.getOpaque() + 1L);
                VarHandle.releaseFence();
            }
        } else if (metered()) {
            int readHolds = rwLock.getReadLockCount();
            if (readHolds > 1) { // a lone reader is implied by the read count (see the recorder)
                recorder.recordReadHolds(readHolds);
            }
        }
        return (waited == UNCONTENDED ? 0L : waited + 1L) | (timed ? TIMED_BIT : 0L);
    }

    /**
     * The handle of an acquisition: the wait plus one (0: uncontended) in the low bits and
     * {@link #TIMED_BIT} when the hold is sampled, whose clock starts here. The one allocation
     * site of a handle, kept tiny so that it inlines into the caller: the acquiring work above
     * it compiles to more machine code than the JIT inlines into an already compiled caller
     * ("already compiled into a big method"), and a handle allocated there, behind a call,
     * escapes; allocated here it does not, and escape analysis removes it.
     */
    LockHandle handle(LockMode mode, long acquisition, ReleaseListener listener) {
        long wait = (acquisition & ~TIMED_BIT) - 1L;
        long start = (acquisition & TIMED_BIT) != 0L ? System.nanoTime() : NOT_TIMED;
        // mode is a constant wherever this inlines (read(), write(), KeyedLocks' read/write), so
        // C2 parses one of the two allocations only and escape analysis still removes it.
        return mode == LockMode.READ ? new ReadHandle(this, wait, start, listener)
                : new WriteHandle(this, wait, start, listener);
    }

    /**
     * Whether statistics are kept: a comparison with the shared disabled recorder rather than
     * a field of its own, which keeps a lock without statistics at 32 bytes plus the JDK lock.
     */
    private boolean metered() {
        return recorder != LockStatsRecorder.DISABLED;
    }

    /**
     * Releases one read hold. Takes the handle's fields rather than the handle, so that the
     * handle does not escape even where the JIT declines to inline this method (see the design
     * notes). One method per mode, so that a handle's {@code close()} compiles with its own
     * mode's unlock only.
     */
    private void releaseRead(long waitNanos, long startNanos) {
        if (waitNanos != UNCONTENDED || startNanos != NOT_TIMED) {
            releaseAndRecordOutOfLine(LockMode.READ, waitNanos, startNanos);
        } else {
            rwLock.readLock().unlock();
        }
    }

    /** Releases one write hold; see {@link #releaseRead}. */
    private void releaseWrite(long waitNanos, long startNanos) {
        if (waitNanos != UNCONTENDED || startNanos != NOT_TIMED) {
            releaseAndRecordOutOfLine(LockMode.WRITE, waitNanos, startNanos);
        } else {
            unlockWrite();
        }
    }

    /**
     * Calls {@link #releaseAndRecord} through {@link #releaseAndRecordHandle}, a method handle
     * the JIT cannot see through (it is not a constant), so that the recording never inlines
     * into a handle's {@code close()}: see "The handle must stay inlinable" in the design notes.
     * Costs a few nanoseconds, on releases of acquisitions that waited or are sampled only.
     */
    private void releaseAndRecordOutOfLine(LockMode mode, long waitNanos, long startNanos) {
        try {
            releaseAndRecordHandle.invokeExact(this, mode, waitNanos, startNanos);
        } catch (RuntimeException | Error e) {
            throw e; // IllegalMonitorStateException: released by a thread that does not hold it
        } catch (Throwable e) {
            throw new AssertionError("releaseAndRecord declares no checked exception", e);
        }
    }

    private void unlock(LockMode mode) {
        if (mode == LockMode.READ) {
            rwLock.readLock().unlock();
        } else {
            unlockWrite();
        }
    }

    private void unlockWrite() {
        // Not the owner: hold count 0, the version stays, and unlock() throws as it should.
        // No word: none was installed while this write lock was held, so none to bump.
        PaddedCounter word = versionWord;
        if (word != null && rwLock.getWriteHoldCount() == 1) {
            // Even again: the release store keeps the section's stores ahead of it.
            word.setRelease(word.getOpaque() + 1L);
        }
        rwLock.writeLock().unlock();
    }

    /**
     * The release of an acquisition that waited or whose hold is sampled (both imply statistics
     * on): the clock before unlocking, the counters after, so nobody waits for them. Its own
     * method, called for one release in {@value #DEFAULT_HOLD_TIME_SAMPLING} when uncontended
     * (after the first exact ones), so that the common release compiles without it: inline, the
     * clock reads and counter updates made an uncontended acquire-and-release too big (over
     * {@code InlineSmallCode}) to inline into its caller, which then paid a call and lost its
     * loop optimizations. C2 inlines a method of more than {@code MaxInlineSize} (35) bytecodes
     * only at a call site that has run {@code InlineFrequencyCount} (100) times when the caller
     * is compiled; at one in 64 a warm-up usually got there (2,944 bytes instead of 1,312 in 3
     * forks of 4), at one in 1,024 it rarely does (docs/benchmarks.md, issue 13); but under
     * contention every waiting acquisition gets here, so since 2026-12-04 it is reached only
     * through {@link #releaseAndRecordOutOfLine}, which C2 never inlines. The weight of a timed
     * hold (1 for the first exact ones, N for a sample) is the recorder's to decide, so that the
     * handle carries nothing more.
     */
    private void releaseAndRecord(LockMode mode, long waitNanos, long startNanos) {
        long end = startNanos != NOT_TIMED ? System.nanoTime() : 0L;
        unlock(mode);
        if (waitNanos != UNCONTENDED) {
            waitingWriterLeaves(mode); // a writer that waited: readers may barge again
            recorder.recordWait(mode, waitNanos);
        }
        if (startNanos != NOT_TIMED) {
            recorder.recordHold(mode, end - startNanos);
        }
    }

    static String requireName(String value, String argument) {
        Objects.requireNonNull(value, argument);
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        return value;
    }

    private static long requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        // Durations beyond ~292 years saturate: the wait is unbounded in practice.
        return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /**
     * One acquisition; owned by the acquiring thread, see {@link LockHandle}. A class per mode
     * ({@link ReadHandle}, {@link WriteHandle}), each with its own {@code close()}, so that the
     * machine code of either stays small enough to inline (see the design notes).
     */
    private abstract static class Handle implements LockHandle {
        final MeteredReadWriteLock lock;
        /** How long the acquisition waited, or {@link #UNCONTENDED}; recorded on release. */
        final long waitNanos;
        /** The clock when the lock was acquired, or {@link #NOT_TIMED} for a hold not sampled. */
        final long startNanos;
        /** Told once the lock is released; null for a plain acquisition. */
        final ReleaseListener listener;
        boolean released;

        Handle(MeteredReadWriteLock lock, long waitNanos, long startNanos, ReleaseListener listener) {
            this.lock = lock;
            this.waitNanos = waitNanos;
            this.startNanos = startNanos;
            this.listener = listener;
        }

        abstract LockMode mode();

        @Override
        public String toString() {
            return mode() + " handle of '" + lock.name + "'" + (released ? " (released)" : "");
        }
    }

    private static final class ReadHandle extends Handle {
        ReadHandle(MeteredReadWriteLock lock, long waitNanos, long startNanos, ReleaseListener listener) {
            super(lock, waitNanos, startNanos, listener);
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            lock.releaseRead(waitNanos, startNanos);
            released = true;
            if (listener != null) {
                listener.released();
            }
        }

        @Override
        LockMode mode() {
            return LockMode.READ;
        }
    }

    private static final class WriteHandle extends Handle {
        WriteHandle(MeteredReadWriteLock lock, long waitNanos, long startNanos, ReleaseListener listener) {
            super(lock, waitNanos, startNanos, listener);
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            lock.releaseWrite(waitNanos, startNanos);
            released = true;
            if (listener != null) {
                listener.released();
            }
        }

        @Override
        LockMode mode() {
            return LockMode.WRITE;
        }
    }

    /** Whether nobody holds or waits for this lock right now: a hint, stale as soon as it is read. */
    boolean isIdle() {
        return !rwLock.isWriteLocked() && rwLock.getReadLockCount() == 0 && !rwLock.hasQueuedThreads();
    }

    /**
     * For {@link KeyedLocks}' reclaimer: takes the write lock only if nobody holds it,
     * including the calling thread (a reentrant hold would let it retire a lock it is using),
     * and without statistics or a version change, since no data is guarded while retiring.
     */
    boolean tryLockToRetire() {
        if (!rwLock.writeLock().tryLock()) {
            return false;
        }
        if (rwLock.getWriteHoldCount() == 1) {
            return true;
        }
        rwLock.writeLock().unlock();
        return false;
    }

    /** Releases what {@link #tryLockToRetire()} took. */
    void unlockRetired() {
        rwLock.writeLock().unlock();
    }

    /**
     * Thrown by {@link #acquire(LockMode, ReleaseListener)} when the lock was retired: an
     * exception rather than a null result, because a result that is either null or a fresh
     * handle merges the two, and on Java 17 that merge keeps escape analysis from removing the
     * handle on the common path. Preallocated, without stack trace: it is control flow.
     */
    static final class Retired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Retired INSTANCE = new Retired();

        private Retired() {
            super("lock retired", null, false, false);
        }
    }

    /** {@link KeyedLocks}' view of an acquisition; see {@link #acquire(LockMode, ReleaseListener)}. */
    interface ReleaseListener {
        /**
         * Asked once the lock is held: true if the lock was retired meanwhile, in which case
         * {@code acquire} releases it again and throws {@link Retired}.
         */
        boolean retired();

        /** Told after a handle has released the lock. */
        void released();
    }

    /** Options of a {@link MeteredReadWriteLock}. */
    public static final class Builder {
        private final String name;
        private boolean fair;
        private boolean statistics = true;
        private int holdTimeSampling = DEFAULT_HOLD_TIME_SAMPLING;
        private Object nameSource;

        private Builder(String name) {
            this.name = name;
        }

        /** Fair: waiting threads get the lock roughly in arrival order. Default: non-fair. */
        public Builder fair(boolean fair) {
            this.fair = fair;
            return this;
        }

        /** Whether to keep statistics. Default: on. Off costs no counter update and no clock read. */
        public Builder statistics(boolean statistics) {
            this.statistics = statistics;
            return this;
        }

        /**
         * Measure the hold time of one in {@code everyNth} acquisitions (chosen by a hash of the
         * acquisition count) and scale the total accordingly, once each thread's first
         * {@value ConcurrentLockStatsRecorder#EXACT_HOLDS} holds per mode have all been
         * measured; 1 measures every hold exactly. Default:
         * {@value MeteredReadWriteLock#DEFAULT_HOLD_TIME_SAMPLING}.
         *
         * @param everyNth a power of two, at least 1
         */
        public Builder holdTimeSampling(int everyNth) {
            if (everyNth < 1 || Integer.bitCount(everyNth) != 1) {
                throw new IllegalArgumentException("everyNth must be a positive power of two: " + everyNth);
            }
            this.holdTimeSampling = everyNth;
            return this;
        }

        /** For {@link KeyedLocks}: the lock's name is {@code source.toString()}, computed when asked. */
        Builder nameSource(Object source) {
            this.nameSource = Objects.requireNonNull(source, "source");
            return this;
        }

        public MeteredReadWriteLock build() {
            return new MeteredReadWriteLock(this);
        }
    }
}
