package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Reporter;

class BlockingCallUnderLockTest {
    private final RuleTester tester = RuleTester.of(new BlockingCallUnderLock());

    @Test
    void positive() {
        var findings = tester.check("""
                package io.acme;

                import java.io.*;
                import java.net.Socket;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.sql.PreparedStatement;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;

                class OrderBook {
                    private final Lock lock = new ReentrantLock();
                    private final Object monitor = new Object();
                    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                    private final CountDownLatch ready = new CountDownLatch(1);
                    private InputStream in;

                    void sleepy() throws Exception {
                        lock.lock();
                        try {
                            Thread.sleep(100); // expect-low: BlockingCallUnderLock OrderBook.lock (acquired on line 19)
                            queue.take(); // expect-low: BlockingCallUnderLock BlockingQueue.take
                            queue.poll(1, TimeUnit.SECONDS); // expect-low: BlockingCallUnderLock
                            ready.await(); // expect-low: BlockingCallUnderLock
                            TimeUnit.MILLISECONDS.sleep(5); // expect-low: BlockingCallUnderLock
                            LockSupport.parkNanos(1000); // expect-low: BlockingCallUnderLock LockSupport.parkNanos
                        } finally {
                            lock.unlock();
                        }
                    }

                    void shared() {
                        lock.lock();
                        try {
                            queue.clear();
                        } finally {
                            lock.unlock();
                        }
                    }

                    synchronized void io(Future<String> future, Path path, PreparedStatement st, Socket socket)
                            throws Exception {
                        future.get(); // expect-low: BlockingCallUnderLock
                        Files.readAllBytes(path); // expect-low: BlockingCallUnderLock
                        st.executeQuery(); // expect-low: BlockingCallUnderLock
                        in.read(); // expect-low: BlockingCallUnderLock
                        var reader = new BufferedReader(new InputStreamReader(socket.getInputStream()));
                        reader.readLine(); // expect-low: BlockingCallUnderLock
                    }

                    void nestedMonitor() throws InterruptedException {
                        synchronized (this) {
                            synchronized (monitor) {
                                monitor.wait(); // expect: WaitWithOtherLockHeld OrderBook.this
                            }
                        }
                    }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "io.acme.OrderBook.lock");
        assertThat(findings.get(0).related()).singleElement()
                .satisfies(r -> assertThat(r.node().getBegin().get().line).isEqualTo(19));
    }

    @Test
    void negative() {
        tester.check("""
                import java.io.*;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;

                class OrderBook {
                    private final Lock lock = new ReentrantLock();
                    private final Lock other = new ReentrantLock();
                    private final Condition changed = lock.newCondition();
                    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                    private final java.util.logging.Logger log = java.util.logging.Logger.getLogger("x");

                    void fine(Path path) throws Exception {
                        Thread.sleep(10);
                        lock.lock();
                        try {
                            changed.await();
                            queue.poll();
                            queue.poll(0, TimeUnit.SECONDS);
                            queue.offer("x");
                            System.out.println("held");
                            log.info("held");
                            new ByteArrayOutputStream().write(1);
                            new StringWriter().write("x");
                            Files.exists(path);
                            other.lock();
                            if (other.tryLock(1, TimeUnit.SECONDS)) {
                                other.unlock();
                            }
                            Thread.sleep(0);
                            unknown.get();
                        } finally {
                            other.unlock();
                            lock.unlock();
                        }
                        queue.take();
                    }

                    synchronized void waits() throws InterruptedException {
                        while (queue.isEmpty()) {
                            wait();
                        }
                    }

                    void lambdaRunsLater() {
                        synchronized (this) {
                            Runnable r = () -> {
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            };
                        }
                    }

                    void released() throws InterruptedException {
                        lock.lock();
                        try {
                            queue.size();
                        } finally {
                            lock.unlock();
                        }
                        Thread.sleep(5);
                    }
                }
                """);
    }

    @Test
    void ignoresStreamDecoratorsAndSerializationHooks() {
        tester.check("""
                import java.io.*;

                class CountingWriter extends FilterWriter {
                    private final Writer out;

                    CountingWriter(Writer out) {
                        super(out);
                        this.out = out;
                    }

                    @Override
                    public void write(int c) throws IOException {
                        synchronized (lock) {
                            out.write(c);
                        }
                    }
                }

                class Settings implements Serializable {
                    private transient Writer log;

                    private synchronized void writeObject(ObjectOutputStream s) throws IOException {
                        s.defaultWriteObject();
                        s.writeInt(1);
                        log.write("saved"); // expect-low: BlockingCallUnderLock Writer.write
                    }
                }
                """);
    }

    @Test
    void throughACalleeInAnotherClass() {
        var findings = tester.checkFiles(java.util.Map.of("io/acme/OrderBook.java", """
                package io.acme;
                import java.util.concurrent.locks.ReentrantLock;
                class OrderBook {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final RiskEngine risk = new RiskEngine();
                    void add() {
                        lock.lock();
                        try {
                            risk.check(); // expect-low: BlockingCallUnderLock holds OrderBook.lock -> RiskEngine.check -> RiskEngine.pause -> Thread.sleep
                            risk.quick();
                        } finally {
                            lock.unlock();
                        }
                        risk.check();
                    }
                }
                """, "io/acme/RiskEngine.java", """
                package io.acme;
                class RiskEngine {
                    void check() { pause(); }
                    private void pause() {
                        try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    }
                    void quick() { }
                }
                """));
        var finding = findings.get("io/acme/OrderBook.java").get(0);
        assertThat(finding.message()).contains("RiskEngine.check -> RiskEngine.pause -> Thread.sleep");
        assertThat(finding.properties()).containsEntry("lock", "io.acme.OrderBook.lock");
        assertThat(finding.related()).extracting(r -> r.file().path()).contains("io/acme/RiskEngine.java");
    }

    @Test
    void aFutureTestedForCompletionFirstDoesNotBlock() {
        tester.check("""
                import java.util.concurrent.CompletableFuture;
                class Cache {
                    private final Object lock = new Object();
                    private CompletableFuture<String> pending = new CompletableFuture<>();
                    String peek() {
                        synchronized (lock) {
                            return ready(pending);
                        }
                    }
                    String take() {
                        synchronized (lock) {
                            return pending.join(); // expect-low: BlockingCallUnderLock
                        }
                    }
                    private static String ready(CompletableFuture<String> f) {
                        return f.isDone() ? f.join() : null;
                    }
                    void stop() {
                        synchronized (lock) {
                            pending.cancel(true);
                            try { pending.get(); } catch (Exception e) { } // done once cancel returns
                        }
                    }
                    void finish(String value) { pending.complete(value); }
                }
                """);
    }

    /** Queues without a capacity never block a put; paths deeper than the bound and shutdowns are low. */
    @Test
    void unboundedQueuesDeepPathsAndShutdowns() {
        tester.check("""
                import java.util.concurrent.*;
                class Leader {
                    private final BlockingQueue<Object> queued = new LinkedBlockingQueue<>();
                    private final BlockingQueue<Object> bounded = new ArrayBlockingQueue<>(8);
                    private final Thread worker = new Thread(() -> { });
                    private final CountDownLatch ready = new CountDownLatch(1);
                    synchronized void propose(Object p) throws InterruptedException {
                        queued.put(p);
                        bounded.put(p); // expect-low: BlockingCallUnderLock BlockingQueue.put
                        a(); // expect-low: BlockingCallUnderLock
                    }
                    void a() throws InterruptedException { b(); }
                    void b() throws InterruptedException { c(); }
                    void c() throws InterruptedException { d(); }
                    void d() throws InterruptedException { e(); }
                    void e() throws InterruptedException { ready.await(); }
                    synchronized void shutdown() throws InterruptedException {
                        worker.join(); // expect-low: BlockingCallUnderLock Thread.join
                    }
                    synchronized void await() throws InterruptedException {
                        ready.await(); // expect-low: BlockingCallUnderLock CountDownLatch.await
                        ready.await(1, TimeUnit.SECONDS); // expect-low: BlockingCallUnderLock
                    }
                }
                """);
    }

    /** commons-pool's private static wait(Object, Duration) helper is not this.wait(), and releases what it waits on. */
    @Test
    void anOwnHelperNamedWaitIsAnOrdinaryCall() {
        tester.check("""
                import java.time.Duration;
                class Pool {
                    private final Object makeLock = new Object();
                    void create() throws InterruptedException {
                        synchronized (makeLock) {
                            wait(makeLock, Duration.ofMillis(5));
                        }
                    }
                    private static void wait(Object obj, Duration d) throws InterruptedException {
                        obj.wait(d.toMillis());
                    }
                }
                """);
    }

    /** A lock only one method takes exists to make its callers wait one at a time: low confidence. */
    @Test
    void aLockOnlyOneMethodTakesIsLowConfidence() {
        tester.check("""
                import java.util.concurrent.*;
                class Connection {
                    private final Object lookupLock = new Object();
                    private final ExecutorService pool = Executors.newSingleThreadExecutor();
                    private Object master;
                    Object master() throws Exception {
                        synchronized (lookupLock) {
                            if (master == null) {
                                master = pool.submit(() -> new Object()).get(); // expect-low: BlockingCallUnderLock
                            }
                            return master;
                        }
                    }
                }
                """);
    }

    /**
     * Netty's channel operations return futures; waiting on one under a lock waits for the event
     * loop (ZOOKEEPER-4293: {@code channel.close().syncUninterruptibly()} under the connect lock).
     * Adding a listener, polling with a zero timeout and futures of other libraries stay silent.
     */
    @Test
    void waitingForANettyFutureUnderALock() {
        tester.check("""
                import io.netty.bootstrap.Bootstrap;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFuture;
                import io.netty.channel.EventLoopGroup;
                import java.util.concurrent.locks.*;
                class ClientSocket {
                    private final Lock connectLock = new ReentrantLock();
                    private Channel channel;
                    private ChannelFuture connectFuture;
                    private Bootstrap bootstrap;
                    private EventLoopGroup group;
                    void cleanup() {
                        connectLock.lock();
                        try {
                            if (channel != null) {
                                channel.close().syncUninterruptibly(); // expect-low: BlockingCallUnderLock ChannelFuture.syncUninterruptibly
                                channel = null;
                            }
                            connectFuture.awaitUninterruptibly(); // expect-low: BlockingCallUnderLock
                            connectFuture.await(0);
                            channel.close().addListener(f -> { });
                            bootstrap.connect("host", 1).sync(); // expect-low: BlockingCallUnderLock
                            group.shutdownGracefully().await(); // expect-low: BlockingCallUnderLock
                            group.next();
                        } finally {
                            connectLock.unlock();
                        }
                    }
                    void outside() throws Exception {
                        channel.close().sync();
                    }
                }
                """);
        tester.check("""
                import java.util.concurrent.locks.*;
                class Other {
                    private final Lock lock = new ReentrantLock();
                    private final Store store = new Store();
                    void flush() {
                        lock.lock();
                        try {
                            store.close().sync();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                class Store {
                    Store close() { return this; }
                    void sync() { }
                }
                """);
    }

    /** TimeUnit.timedWait(monitor, t) waits on that monitor, releasing it (curator's LeaderLatch). */
    @Test
    void timedWaitOnTheHeldMonitorReleasesIt() {
        tester.check("""
                import java.util.concurrent.TimeUnit;
                class Latch {
                    private boolean leader;
                    private final Object other = new Object();
                    synchronized boolean await(long nanos) throws InterruptedException {
                        while (!leader) {
                            TimeUnit.NANOSECONDS.timedWait(this, nanos);
                        }
                        return leader;
                    }
                    synchronized void elect() { leader = true; notifyAll(); }
                    void nested() throws InterruptedException {
                        synchronized (other) {
                            synchronized (this) {
                                while (!leader) {
                                    TimeUnit.SECONDS.timedWait(this, 1); // expect-low: WaitWithOtherLockHeld
                                }
                            }
                        }
                    }
                }
                """);
    }

    /** hadoop's BufferPool: tryAcquire() passes false to the helper that blocks only if (canBlock). */
    @Test
    void aBranchAConstantArgumentRulesOutIsNotFollowed() {
        tester.check("""
                import java.util.concurrent.*;
                class Pool {
                    private final BlockingQueue<Object> items = new ArrayBlockingQueue<>(4);
                    synchronized Object tryAcquire() throws InterruptedException {
                        return acquire(false);
                    }
                    synchronized Object acquireBlocking() throws InterruptedException {
                        return acquire(true); // expect: BlockingCallUnderLock BlockingQueue.take
                    }
                    synchronized void release(Object o) { items.offer(o); }
                    private Object acquire(boolean canBlock) throws InterruptedException {
                        if (canBlock) {
                            return items.take();
                        }
                        return items.poll();
                    }
                }
                """);
    }

    /**
     * tomcat's Nio2Endpoint: the literal is passed on through a parameter before the guard; hadoop's
     * BufferPool: a private helper every caller passes {@code false}; hdfs: the guard is in a middle step.
     */
    @Test
    void constantsAreFollowedThroughParametersAndFromEveryCallerOfAPrivateHelper() {
        tester.check("""
                import java.util.concurrent.*;
                class Socket {
                    private final Object readLock = new Object();
                    private final BlockingQueue<Object> pool = new ArrayBlockingQueue<>(4);
                    private Future<Integer> pending;
                    boolean isReady() throws Exception {
                        synchronized (readLock) {
                            return fill(false) > 0;
                        }
                    }
                    int read() throws Exception {
                        synchronized (readLock) {
                            return fill(true); // expect-low: BlockingCallUnderLock Future.get
                        }
                    }
                    private int fill(boolean block) throws Exception {
                        return fill(block, 16);
                    }
                    private int fill(boolean block, int size) throws Exception {
                        if (!block) {
                            return 0;
                        } else {
                            return pending.get();
                        }
                    }
                    synchronized Object tryTake() {
                        return take(false);
                    }
                    private synchronized Object take(boolean canBlock) {
                        try {
                            return canBlock ? pool.take() : pool.poll();
                        } catch (InterruptedException e) {
                            return null;
                        }
                    }
                    synchronized void flush(boolean failed) throws Exception {
                        check(false);
                        check(failed); // expect-low: BlockingCallUnderLock Future.get
                    }
                    private void check(boolean flushAll) throws Exception {
                        if (pending != null && flushAll) {
                            drain();
                        }
                    }
                    private void drain() throws Exception {
                        pending.get();
                    }
                    synchronized void other() { pending = null; }
                }
                """);
    }

    /** bookkeeper's DirectWriter: a helper that calls get() is called only for a future that is done. */
    @Test
    void aFutureCheckedDoneBeforeAHelperWaitsForItDoesNotBlock() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.*;
                class Writer {
                    private final List<Future<?>> outstanding = new ArrayList<>();
                    void add(Future<?> f) throws Exception {
                        synchronized (outstanding) {
                            outstanding.add(f);
                            Iterator<Future<?>> it = outstanding.iterator();
                            while (it.hasNext()) {
                                Future<?> done = it.next();
                                if (done.isDone()) {
                                    waitFor(done);
                                    it.remove();
                                } else {
                                    break;
                                }
                            }
                        }
                    }
                    void flush() throws Exception {
                        synchronized (outstanding) {
                            for (Future<?> f : outstanding) {
                                waitFor(f); // expect-low: BlockingCallUnderLock Future.get
                            }
                        }
                    }
                    private static void waitFor(Future<?> f) throws Exception {
                        f.get();
                    }
                }
                """);
    }

    /** vert.x's ReadStreamIterator: the callee releases the caller's lock around its wait. */
    @Test
    void aCalleeThatReleasesTheHeldLockBeforeWaitingIsNotBlockingUnderIt() {
        tester.check("""
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;
                class Iter {
                    private final Lock lock = new ReentrantLock();
                    private CountDownLatch latch = new CountDownLatch(1);
                    boolean hasNext() throws InterruptedException {
                        lock.lock();
                        try {
                            awaitProgress();
                            return true;
                        } finally {
                            lock.unlock();
                        }
                    }
                    Object next() throws InterruptedException {
                        lock.lock();
                        try {
                            awaitHolding(); // expect-low: BlockingCallUnderLock CountDownLatch.await
                            return null;
                        } finally {
                            lock.unlock();
                        }
                    }
                    private void awaitProgress() throws InterruptedException {
                        CountDownLatch l = latch;
                        lock.unlock();
                        try {
                            l.await();
                        } finally {
                            lock.lock();
                        }
                    }
                    private void awaitHolding() throws InterruptedException {
                        latch.await();
                    }
                }
                """);
    }

    /** curator's LeaderLatch: a latch only tests install, behind a null check. */
    @Test
    void aWaitOnATestOnlyFieldIsNotReported() {
        tester.check("""
                import java.util.concurrent.*;
                class Latch {
                    @VisibleForTesting
                    volatile CountDownLatch debugResetLatch = null;
                    private final CountDownLatch started = new CountDownLatch(1);
                    synchronized void reset() throws Exception {
                        if (debugResetLatch != null) {
                            debugResetLatch.await();
                        }
                        started.await(); // expect-low: BlockingCallUnderLock CountDownLatch.await
                    }
                    synchronized void other() { }
                    @interface VisibleForTesting { }
                }
                """);
    }

    /**
     * ActiveMQ's ProducerThread: the producer awaits its pause latch holding the monitor, and the
     * only countDown() is in a synchronized method: nothing can end the wait. Also through a
     * callee, and for a queue only filled under the lock; a latch also counted down without the
     * lock, or a timed wait, only stalls.
     */
    @Test
    void aWaitOnlyCallsHoldingTheSameLockCouldEndIsADeadlock() {
        tester.check("""
                import java.util.concurrent.*;
                class Producer {
                    private CountDownLatch paused = new CountDownLatch(0);
                    private final CountDownLatch started = new CountDownLatch(1);
                    private final BlockingQueue<String> work = new ArrayBlockingQueue<>(8);
                    synchronized void pause() { paused = new CountDownLatch(1); }
                    synchronized void resume() { paused.countDown(); }
                    synchronized void submit(String s) throws InterruptedException { work.put(s); } // expect-low: BlockingCallUnderLock
                    void begin() { started.countDown(); }
                    synchronized void produce() throws InterruptedException {
                        paused.await(); // expect: BlockingCallUnderLock CountDownLatch.await
                        paused.await(1, TimeUnit.SECONDS); // expect-low: BlockingCallUnderLock
                        started.await(); // expect-low: BlockingCallUnderLock
                        next(); // expect: BlockingCallUnderLock BlockingQueue.take
                    }
                    private String next() throws InterruptedException {
                        return work.take();
                    }
                }
                """);
    }

    /**
     * A thread started, or a task given to an executor, inside the hold that then waits for it to
     * count a latch down, where the task takes that lock first: it cannot before the wait ends, so
     * neither goes on. Silent (low, a stall) when the task counts down before taking the lock, when
     * it was started before the hold (it may have passed the lock already), when someone else may
     * count down without the lock, when the lock is taken only on a branch, or when the wait is timed.
     */
    @Test
    void aWaitForATaskStartedInTheHoldThatSignalsOnlyAfterTakingTheLockIsADeadlock() {
        var findings = tester.check("""
                import java.util.concurrent.*;
                class Server {
                    private final Object lock = new Object();
                    private final ExecutorService pool = Executors.newSingleThreadExecutor();
                    private final CountDownLatch started = new CountDownLatch(1);
                    private final CountDownLatch loaded = new CountDownLatch(1);
                    private final CountDownLatch early = new CountDownLatch(1);
                    private final CountDownLatch shared = new CountDownLatch(1);
                    private final CountDownLatch maybe = new CountDownLatch(1);
                    private boolean running;
                    void start() throws InterruptedException {
                        synchronized (lock) {
                            new Thread(this::run).start();
                            started.await(); // expect: BlockingCallUnderLock the task handed to new Thread() on line 13 in this hold calls Server.started.countDown() only after taking Server.lock
                        }
                    }
                    private void run() {
                        synchronized (lock) {
                            running = true;
                        }
                        started.countDown();
                    }
                    void load() throws InterruptedException {
                        synchronized (lock) {
                            pool.execute(() -> {
                                synchronized (lock) {
                                    running = true;
                                }
                                loaded.countDown();
                            });
                            loaded.await(); // expect: BlockingCallUnderLock the task handed to execute() on line 25
                            loaded.await(1, TimeUnit.SECONDS); // expect-low: BlockingCallUnderLock
                        }
                    }
                    void signalFirst() throws InterruptedException {
                        synchronized (lock) {
                            pool.execute(() -> {
                                early.countDown();
                                synchronized (lock) {
                                    running = false;
                                }
                            });
                            early.await(); // expect-low: BlockingCallUnderLock
                        }
                    }
                    void startedBefore() throws InterruptedException {
                        Thread t = new Thread(this::countShared);
                        t.start();
                        synchronized (lock) {
                            shared.await(); // expect-low: BlockingCallUnderLock
                        }
                    }
                    private void countShared() {
                        synchronized (lock) {
                            running = true;
                        }
                        shared.countDown();
                    }
                    void branch(boolean locked) throws InterruptedException {
                        synchronized (lock) {
                            pool.execute(() -> {
                                if (locked) {
                                    synchronized (lock) {
                                        running = true;
                                    }
                                }
                                maybe.countDown();
                            });
                            maybe.await(); // expect-low: BlockingCallUnderLock
                        }
                    }
                }
                """);
        assertThat(findings).filteredOn(f -> f.line() == 14).singleElement().satisfies(f -> assertThat(f.related())
                .extracting(Reporter.RelatedLocation::message)
                .containsExactly("Server.lock acquired here", "the task calls Server.started.countDown() here, after taking Server.lock"));
    }

    /**
     * geronimo's pool resize builds a new semaphore and pre-acquires permits of it in the same
     * hold: only the waiter has used the new object, so its own permits decide the wait (a stall at
     * most). A semaphore built elsewhere and released only under the lock still deadlocks.
     */
    @Test
    void aSynchronizerBuiltInTheSameHoldIsLowConfidence() {
        tester.check("""
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;
                class Pool {
                    private final ReadWriteLock resize = new ReentrantReadWriteLock();
                    private Semaphore permits = new Semaphore(4);
                    private Semaphore other = new Semaphore(4);
                    void resize(int max, int busy) throws InterruptedException {
                        resize.writeLock().lock();
                        try {
                            permits = new Semaphore(max, true);
                            for (int i = 0; i < busy; i++) {
                                permits.acquire(); // expect-low: BlockingCallUnderLock
                            }
                            other.acquire(); // expect: BlockingCallUnderLock Semaphore.acquire
                        } finally {
                            resize.writeLock().unlock();
                        }
                    }
                    void release() {
                        resize.writeLock().lock();
                        try {
                            permits.release();
                            other.release();
                        } finally {
                            resize.writeLock().unlock();
                        }
                    }
                }
                """);
    }

    /**
     * geode's cache close: later closers wait, under the class lock, for a latch the first closer
     * counts down before it lets the same lock go; the waiter can only get in once the latch is open.
     */
    @Test
    void aLatchOpenedWithinTheSameHoldIsLowConfidence() {
        tester.check("""
                import java.util.concurrent.*;
                class Cache {
                    private final CountDownLatch closed = new CountDownLatch(1);
                    private boolean closing;
                    void close() throws InterruptedException {
                        synchronized (Cache.class) {
                            doClose(); // expect-low: BlockingCallUnderLock
                        }
                    }
                    private void doClose() throws InterruptedException {
                        synchronized (Cache.class) {
                            if (waitIfClosing()) { // expect-low: BlockingCallUnderLock
                                return;
                            }
                            closing = true;
                            closed.countDown();
                        }
                    }
                    private boolean waitIfClosing() throws InterruptedException {
                        if (closing) {
                            closed.await();
                            return true;
                        }
                        return false;
                    }
                }
                """);
    }

    /**
     * ZOOKEEPER-2347's shape: a synchronized shutdown shuts a pipeline of processors down, one of
     * them joins its own thread, and that thread, on its way through the pipeline, calls a
     * synchronized method of the server. The pipeline's calls go through an interface with five
     * implementations: followed for this shape only, at low confidence.
     */
    @Test
    void aThreadJoinedUnderALockItNeedsDeadlocks() {
        var findings = tester.checkFiles(java.util.Map.of("io/acme/Server.java", """
                package io.acme;
                class Server {
                    private Processor first;
                    private int inProcess;
                    synchronized void shutdown() {
                        first.shutdown(); // expect-low: BlockingCallUnderLock joins the SyncProcessor thread
                    }
                    synchronized void decInProcess() { inProcess--; }
                    void stopUnlocked() { first.shutdown(); }
                    synchronized void stopNothingJoined(Processor p) { p.process("x"); }
                }
                """, "io/acme/Processor.java", """
                package io.acme;
                interface Processor {
                    void process(Object request);
                    void shutdown();
                }
                """, "io/acme/PrepProcessor.java", """
                package io.acme;
                class PrepProcessor implements Processor {
                    private Processor next;
                    public synchronized void process(Object request) { next.process(request); }
                    public void shutdown() { next.shutdown(); }
                }
                """, "io/acme/SyncProcessor.java", """
                package io.acme;
                import java.util.concurrent.*;
                class SyncProcessor extends Thread implements Processor {
                    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
                    private Processor next;
                    public void process(Object request) { queue.add(request); }
                    @Override public void run() {
                        try {
                            while (true) {
                                next.process(queue.take());
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    public void shutdown() {
                        try {
                            join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                """, "io/acme/FinalProcessor.java", """
                package io.acme;
                class FinalProcessor implements Processor {
                    private Server server;
                    public void process(Object request) { server.decInProcess(); }
                    public void shutdown() { }
                }
                """, "io/acme/CommitProcessor.java", """
                package io.acme;
                class CommitProcessor implements Processor {
                    private Processor next;
                    public synchronized void process(Object request) { next.process(request); }
                    public void shutdown() { next.shutdown(); }
                }
                """, "io/acme/AckProcessor.java", """
                package io.acme;
                class AckProcessor implements Processor {
                    public void process(Object request) { }
                    public void shutdown() { }
                }
                """));
        var finding = findings.get("io/acme/Server.java").get(0);
        assertThat(finding.message()).contains("SyncProcessor.shutdown -> SyncProcessor.join")
                .contains("SyncProcessor.run -> ").contains("Server.decInProcess");
        assertThat(finding.properties()).containsEntry("shape", "join-deadlock")
                .containsEntry("dispatch", "class-hierarchy");
        assertThat(finding.related()).extracting(r -> r.file().path())
                .contains("io/acme/SyncProcessor.java", "io/acme/Server.java");
    }

    /**
     * The direct shape, every call resolved (still low: see the rule). A timed join, or a thread that never takes the
     * lock, is no deadlock (and a join of a thread class of the sources is no known blocking call).
     */
    @Test
    void aResolvedJoinDeadlockIsHighAndTimedJoinsAreNot() {
        tester.checkFiles(java.util.Map.of("io/acme/Poller.java", """
                package io.acme;
                class Poller {
                    private final Worker worker = new Worker(this);
                    private final Idle idle = new Idle();
                    private int polled;
                    synchronized void stop() throws InterruptedException {
                        worker.join(); // expect-low: BlockingCallUnderLock [dispatch=resolved] joins the Worker thread
                    }
                    synchronized void stopWithin() throws InterruptedException {
                        worker.join(1000);
                    }
                    synchronized void stopIdle() throws InterruptedException {
                        idle.join();
                    }
                    void stopUnlocked() throws InterruptedException {
                        worker.join();
                    }
                    synchronized void record(int n) { polled += n; }
                }
                """, "io/acme/Worker.java", """
                package io.acme;
                class Worker extends Thread {
                    private final Poller poller;
                    Worker(Poller poller) { this.poller = poller; }
                    @Override public void run() { poller.record(1); }
                }
                """, "io/acme/Idle.java", """
                package io.acme;
                class Idle extends Thread {
                    private int n;
                    @Override public void run() { n++; }
                }
                """));
    }

    /**
     * {@code Thread.join()} waits on the joined thread's own monitor ({@code synchronized (this) {
     * while (isAlive()) wait(0); }}), so a join made holding that thread's monitor releases it while
     * it waits, as a {@code wait()} on the held monitor does: Narayana's synchronized
     * {@code Listener.stopListener()} ending with {@code this.join()}, whose {@code run()} takes the
     * same monitor, neither deadlocks nor stalls it. Another lock held around it still does.
     */
    @Test
    void aJoinHoldingOnlyTheJoinedThreadsOwnMonitorReleasesIt() {
        tester.checkFiles(java.util.Map.of("io/acme/Listener.java", """
                package io.acme;
                class Listener extends Thread {
                    private final Object outer = new Object();
                    private final Thread helper = new Thread(() -> { });
                    private boolean stop;
                    public synchronized void stopListener() throws InterruptedException {
                        stop = true;
                        this.join();
                    }
                    public synchronized void stopQuietly() throws InterruptedException {
                        stop = true;
                        awaitEnd();
                    }
                    private void awaitEnd() throws InterruptedException {
                        join();
                    }
                    public void stopHelper() throws InterruptedException {
                        synchronized (helper) {
                            helper.join();
                        }
                    }
                    public void stopUnderAnotherLock() throws InterruptedException {
                        synchronized (outer) {
                            synchronized (this) {
                                join(); // expect-low: BlockingCallUnderLock joins the Listener thread while Listener.outer
                            }
                        }
                    }
                    private synchronized boolean stopRequested() { return stop; }
                    @Override public void run() {
                        while (!stopRequested()) {
                            synchronized (outer) { stop = stop || isInterrupted(); }
                        }
                    }
                }
                """));
    }

    /**
     * A stream made over an in-memory buffer writes to memory, whatever decorator wraps it:
     * ActiveMQ's {@code CommandDatagramSocket.write} marshals into {@code new DataOutputStream(writeBuffer)}
     * over a {@code ByteArrayOutputStream} under its write lock (triage: judged wrong seven times).
     * The same decorator over a socket, or a local that may be either, still blocks.
     */
    @Test
    void aDecoratorOverAnInMemoryBufferDoesNotBlock() {
        tester.check("""
                import java.io.*;
                import java.net.Socket;
                class Marshaller {
                    private final Object writeLock = new Object();
                    private final DataOutputStream scratch = new DataOutputStream(new ByteArrayOutputStream());
                    private final Socket socket = new Socket();
                    void write(int command) throws IOException {
                        synchronized (writeLock) {
                            ByteArrayOutputStream writeBuffer = new ByteArrayOutputStream();
                            DataOutputStream dataOut = new DataOutputStream(writeBuffer);
                            dataOut.writeInt(command);
                            ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(writeBuffer));
                            objects.writeObject("x");
                            DataInputStream dataIn = new DataInputStream(new ByteArrayInputStream(writeBuffer.toByteArray()));
                            dataIn.readInt();
                            scratch.writeInt(command);
                            DataOutputStream wire = new DataOutputStream(socket.getOutputStream());
                            wire.writeInt(command); // expect-low: BlockingCallUnderLock DataOutputStream.writeInt
                            DataOutputStream either = new DataOutputStream(writeBuffer);
                            either = new DataOutputStream(socket.getOutputStream());
                            either.writeInt(command); // expect-low: BlockingCallUnderLock DataOutputStream.writeInt
                            InputStream joined = new SequenceInputStream(new ByteArrayInputStream(writeBuffer.toByteArray()),
                                    socket.getInputStream());
                            joined.read(); // expect-low: BlockingCallUnderLock InputStream.read
                            for (int i = 0; i < 1; i++) {
                                DataOutputStream out = new DataOutputStream(new ByteArrayOutputStream());
                                out.writeInt(i);
                            }
                            try (ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[4]);
                                    ObjectInputStream objectsIn = new ObjectInputStream(bytes)) {
                                objectsIn.readObject();
                            } catch (ClassNotFoundException e) {
                                throw new IOException(e);
                            }
                            for (int i = 0; i < 1; i++) {
                                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                                out.writeInt(i); // expect-low: BlockingCallUnderLock DataOutputStream.writeInt
                            }
                        }
                    }
                }
                """);
    }

    /**
     * One stream's blocking I/O under one hold is one thing to move out (ZooKeeper's
     * {@code SendWorker.send}: an int, the bytes and a flush on one stream, three findings until
     * now): the first call is reported, the others are related places. Another stream in the same
     * hold, and the same stream in another hold, are findings of their own.
     */
    @Test
    void oneStreamsCallsUnderOneHoldAreOneFinding() {
        var findings = tester.check("""
                import java.io.*;
                class SendWorker {
                    private DataOutputStream dout;
                    private DataInputStream din;
                    synchronized void send(byte[] b) throws IOException {
                        dout.writeInt(b.length); // expect-low: BlockingCallUnderLock DataOutputStream.writeInt (and 2 more calls on dout in this hold)
                        dout.write(b);
                        dout.flush();
                        din.readInt(); // expect-low: BlockingCallUnderLock DataInputStream.readInt blocks
                    }
                    synchronized void ping() throws IOException {
                        dout.writeInt(0); // expect-low: BlockingCallUnderLock DataOutputStream.writeInt blocks
                    }
                }
                """);
        assertThat(findings.get(0).related()).extracting(Reporter.RelatedLocation::message)
                .containsExactly("SendWorker.this acquired here", "DataOutputStream.write blocks here too",
                        "DataOutputStream.flush blocks here too");
        assertThat(findings.get(0).properties()).containsEntry("sites", "3");
    }

    /**
     * A subclass holding a lock its superclass (another file) declares: {@code lock.lock()} on the
     * inherited field opens a critical section like the superclass's own, and what blocks in it is
     * reported, under the superclass's name for the lock.
     */
    @Test
    void underALockFieldInheritedFromASuperclassInAnotherFile() {
        var findings = tester.checkFiles(java.util.Map.of("io/acme/Channel.java", """
                package io.acme;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                public abstract class Channel {
                    protected final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
                }
                """, "io/acme/Socket.java", """
                package io.acme;
                class Socket extends Channel {
                    void reconnect() throws InterruptedException {
                        stateLock.writeLock().lock();
                        try {
                            Thread.sleep(100); // expect-low: BlockingCallUnderLock
                        } finally {
                            stateLock.writeLock().unlock();
                        }
                        Thread.sleep(100);
                    }
                }
                """));
        assertThat(findings.get("io/acme/Socket.java").get(0).properties())
                .containsEntry("lock", "io.acme.Channel.stateLock");
    }

    /**
     * ZOOKEEPER-4293's shape: a Netty future waited for holding a lock that a listener or handler
     * of the same class takes on the event loop. The loop runs the callback, blocks on the lock, and
     * never does the close the holder waits for: high. A timed wait, a lock no callback takes, and
     * a wait after the lock is released are not that deadlock.
     */
    @Test
    void aNettyWaitUnderALockTheEventLoopsCallbackTakesIsADeadlock() {
        tester.check("""
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFuture;
                import io.netty.channel.ChannelFutureListener;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import java.util.concurrent.locks.Lock;
                import java.util.concurrent.locks.ReentrantLock;
                class Client {
                    private final Lock connectLock = new ReentrantLock();
                    private final Lock statsLock = new ReentrantLock();
                    private Channel channel;
                    private boolean connected;
                    void connect(ChannelFuture future) {
                        future.addListener(new ChannelFutureListener() {
                            @Override
                            public void operationComplete(ChannelFuture f) {
                                connectLock.lock();
                                try {
                                    connected = f.isSuccess();
                                } finally {
                                    connectLock.unlock();
                                }
                            }
                        });
                    }
                    void cleanup() {
                        connectLock.lock();
                        try {
                            channel.close().syncUninterruptibly(); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] waits for the Netty event loop
                        } finally {
                            connectLock.unlock();
                        }
                    }
                    void cleanupWithin() throws InterruptedException {
                        connectLock.lock();
                        try {
                            channel.close().await(1000); // expect-low: BlockingCallUnderLock
                        } finally {
                            connectLock.unlock();
                        }
                    }
                    void flushStats() {
                        statsLock.lock();
                        try {
                            channel.close().syncUninterruptibly(); // expect-low: BlockingCallUnderLock
                        } finally {
                            statsLock.unlock();
                        }
                    }
                    void cleanupOutside() {
                        connectLock.lock();
                        try {
                            connected = false;
                        } finally {
                            connectLock.unlock();
                        }
                        channel.close().syncUninterruptibly();
                    }
                }
                """);
    }

    /** The same through a handler's callback calling a synchronized method of its outer object, and a listener lambda. */
    @Test
    void aNettyHandlerOrListenerLambdaTakingTheHeldMonitorMakesTheWaitADeadlock() {
        tester.check("""
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                class Session {
                    private Channel channel;
                    private final Object ioLock = new Object();
                    private int open;
                    private int bound;
                    synchronized void close() {
                        channel.close().syncUninterruptibly(); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] Handler.channelInactive -> Session.closed
                    }
                    synchronized void closed() { open--; }
                    void bind() {
                        channel.closeFuture().addListener(f -> { synchronized (ioLock) { bound--; } });
                    }
                    void unbind() throws InterruptedException {
                        synchronized (ioLock) {
                            channel.close().sync(); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] waits for the Netty event loop
                        }
                    }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                }
                """);
    }

    /**
     * {@code invokeAndWait} holding a lock that code on the event dispatch thread takes: a listener,
     * or the very task waited for. Under a lock no such code takes it is a stall (low); {@code
     * invokeLater} does not wait.
     */
    @Test
    void invokeAndWaitUnderALockTheEventDispatchThreadTakesIsADeadlock() {
        tester.check("""
                package io.acme;
                import java.awt.event.ActionEvent;
                import java.awt.event.ActionListener;
                import javax.swing.SwingUtilities;
                class Board implements ActionListener {
                    private final Object model = new Object();
                    private final Object log = new Object();
                    private int moves;
                    @Override
                    public void actionPerformed(ActionEvent e) {
                        synchronized (model) { moves++; }
                    }
                    void replay() throws Exception {
                        synchronized (model) {
                            SwingUtilities.invokeAndWait(() -> System.out.println(moves)); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] Board.actionPerformed
                        }
                    }
                    synchronized void refresh() throws Exception {
                        SwingUtilities.invokeAndWait(() -> count()); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] the Swing event dispatch thread
                    }
                    synchronized void count() { moves++; }
                    void record() throws Exception {
                        synchronized (log) {
                            SwingUtilities.invokeAndWait(() -> System.out.println("saved")); // expect-low: BlockingCallUnderLock
                            SwingUtilities.invokeLater(() -> System.out.println("later"));
                        }
                    }
                }
                """);
    }

    /** SWT's {@code syncExec} the same way: a selection listener takes the held monitor; {@code asyncExec} does not wait. */
    @Test
    void syncExecUnderALockAnSwtListenerTakesIsADeadlock() {
        tester.check("""
                package io.acme;
                import org.eclipse.swt.events.SelectionAdapter;
                import org.eclipse.swt.events.SelectionEvent;
                import org.eclipse.swt.widgets.Display;
                class Console {
                    private final Display display;
                    private final StringBuilder text = new StringBuilder();
                    Console(Display display) { this.display = display; }
                    class Clear extends SelectionAdapter {
                        @Override
                        public void widgetSelected(SelectionEvent e) {
                            synchronized (text) { text.setLength(0); }
                        }
                    }
                    void append(String line) {
                        synchronized (text) {
                            text.append(line);
                            display.syncExec(() -> System.out.println(line)); // expect: BlockingCallUnderLock [shape=event-thread-deadlock] the SWT user-interface thread
                            display.asyncExec(() -> System.out.println(line));
                        }
                    }
                }
                """);
    }

    /**
     * A future waited for holding a lock that its own task, handed to another thread in the same
     * method, takes: the task cannot get past the lock until the wait ends. Chained, kept in a
     * local, an anonymous {@code Callable}, {@code this::reload}; high. A task that takes another
     * lock, a timed wait, a direct executor and a future from elsewhere are not that deadlock.
     */
    @Test
    void aFutureWaitedForUnderALockItsTaskTakesIsADeadlock() {
        tester.check("""
                package io.acme;
                import java.util.concurrent.Callable;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Future;
                import java.util.concurrent.TimeUnit;
                class Cache {
                    private final ExecutorService pool;
                    private final ExecutorService directExecutor;
                    private final Object other = new Object();
                    private int size;
                    Cache(ExecutorService pool, ExecutorService directExecutor) {
                        this.pool = pool;
                        this.directExecutor = directExecutor;
                    }
                    synchronized void refresh() throws Exception {
                        pool.submit(() -> resize(1)).get(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] the lambda on line
                    }
                    synchronized int load() throws Exception {
                        Future<Integer> f = pool.submit(new Callable<Integer>() {
                            @Override
                            public Integer call() {
                                synchronized (Cache.this) { return size; }
                            }
                        });
                        return f.get(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] the task handed to submit() on line 20
                    }
                    synchronized void reloadAll() {
                        CompletableFuture.runAsync(this::reload, pool).join(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] Cache.reload
                        CompletableFuture.runAsync(this::reload).join(); // expect-low: BlockingCallUnderLock
                    }
                    synchronized void reload() { size = 0; }
                    synchronized void resize(int n) { size += n; }
                    void unrelated() throws Exception {
                        synchronized (other) {
                            pool.submit(() -> resize(2)).get(); // expect-low: BlockingCallUnderLock
                        }
                    }
                    synchronized void bounded() throws Exception {
                        pool.submit(() -> resize(3)).get(1, TimeUnit.SECONDS); // expect-low: BlockingCallUnderLock
                    }
                    synchronized void inline() throws Exception {
                        directExecutor.submit(() -> resize(4)).get(); // expect-low: BlockingCallUnderLock
                    }
                    synchronized void waitFor(Future<?> elsewhere) throws Exception {
                        elsewhere.get(); // expect-low: BlockingCallUnderLock
                    }
                }
                """);
    }

    /** The same with a thread made and joined in the method: its task takes the held lock, so it never ends. */
    @Test
    void aThreadJoinedUnderALockItsTaskTakesIsADeadlock() {
        tester.check("""
                package io.acme;
                class Indexer {
                    private final Object files = new Object();
                    private int indexed;
                    synchronized void rebuild() throws InterruptedException {
                        Thread worker = new Thread(() -> count());
                        worker.start();
                        worker.join(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] the task handed to new Thread() on line 6
                    }
                    void rebuildFiles() throws InterruptedException {
                        synchronized (files) {
                            Thread worker = new Thread() {
                                @Override
                                public void run() { synchronized (files) { indexed = 0; } }
                            };
                            worker.start();
                            worker.join(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] the anonymous Thread.run
                        }
                    }
                    synchronized void rebuildOther() throws InterruptedException {
                        Thread worker = new Thread(() -> System.out.println("other"));
                        worker.start();
                        worker.join(); // expect-low: BlockingCallUnderLock
                    }
                    synchronized void count() { indexed++; }
                }
                """);
    }

    /** Readers share a read lock: a task reading under the read lock its waiter holds goes on; one writing does not. */
    @Test
    void aReadLockHeldStopsOnlyATaskThatWrites() {
        tester.check("""
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class Table {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private final ExecutorService pool;
                    private int rows;
                    Table(ExecutorService pool) { this.pool = pool; }
                    int count() {
                        rw.readLock().lock();
                        try { return rows; } finally { rw.readLock().unlock(); }
                    }
                    void grow() {
                        rw.writeLock().lock();
                        try { rows++; } finally { rw.writeLock().unlock(); }
                    }
                    int snapshot() throws Exception {
                        rw.readLock().lock();
                        try {
                            return pool.submit(() -> count()).get(); // expect-low: BlockingCallUnderLock
                        } finally {
                            rw.readLock().unlock();
                        }
                    }
                    void expand() throws Exception {
                        rw.readLock().lock();
                        try {
                            pool.submit(() -> grow()).get(); // expect: BlockingCallUnderLock [shape=awaited-task-deadlock] Table.grow
                        } finally {
                            rw.readLock().unlock();
                        }
                    }
                }
                """);
    }

    /**
     * What a second reviewer wrote against the first form of these two shapes, each no deadlock: a
     * read lock held by both sides, another object's lock ({@code other.lock}), a sibling subclass
     * or an anonymous subclass of the waiter's class, a future checked done or cancelled, a thread
     * never started or already joined, a caller-runs executor ({@code Runnable::run}), a {@code
     * Thread} subclass, a local of another block, a Guava listener in a Netty file, a promise a
     * worker completes, a listener on the awaited future itself, a handler on an executor group of
     * its own (a parameter, a call's result, a {@code var}), the waiter itself on the event thread, a
     * task of another {@code invokeAndWait}, a listener on the awaited future kept in a field. The
     * waits may stay low stalls; none is reported as a deadlock.
     */
    @Test
    void theReviewersNearMissesAreNoDeadlocks() {
        Map<String, String> sources = Map.ofEntries(
                Map.entry("io/acme/Rw.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class Rw {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private final ExecutorService pool;
                    private int v;
                    Rw(ExecutorService pool) { this.pool = pool; }
                    int read() {
                        rw.readLock().lock();
                        try { return v; } finally { rw.readLock().unlock(); }
                    }
                    int readBoth() throws Exception {
                        rw.readLock().lock();
                        try {
                            return pool.submit(() -> read()).get();
                        } finally {
                            rw.readLock().unlock();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Conns.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFutureListener;
                abstract class Endpoint {
                    protected final Object lock = new Object();
                    protected Channel channel;
                    protected int state;
                }
                class Client extends Endpoint {
                    void shutdown() {
                        synchronized (lock) {
                            channel.close().syncUninterruptibly();   // the Client's lock
                        }
                    }
                }
                class Server extends Endpoint {
                    void open() {
                        channel.closeFuture().addListener((ChannelFutureListener) f -> { });
                        channel.closeFuture().addListener(f -> { synchronized (lock) { state--; } });   // the Server's lock
                    }
                }
"""),
                Map.entry("io/acme/Handshake.java", """
                package io.acme;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.util.concurrent.GlobalEventExecutor;
                import io.netty.util.concurrent.Promise;
                import java.util.concurrent.ExecutorService;
                class Handshake extends ChannelInboundHandlerAdapter {
                    private final Object lock = new Object();
                    private final ExecutorService workers;
                    private int reads;
                    Handshake(ExecutorService workers) { this.workers = workers; }
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        synchronized (lock) { reads++; }
                    }
                    void awaitKeys() throws Exception {
                        Promise<Void> keys = GlobalEventExecutor.INSTANCE.newPromise();
                        workers.execute(() -> keys.setSuccess(null));   // completed by a worker, not by any event loop
                        synchronized (lock) {
                            keys.sync();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Conn.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFuture;
                class Conn {
                    private final Object lock = new Object();
                    private Channel channel;
                    private boolean closed;
                    void close() {
                        synchronized (lock) {
                            ChannelFuture f = channel.close();
                            // Netty marks f done and wakes its waiters before it runs f's listeners:
                            // this listener can only run once f is done, so it never holds up the wait below
                            f.addListener(done -> { synchronized (lock) { closed = true; } });
                            f.syncUninterruptibly();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Fj.java", """
                package io.acme;
                import java.util.concurrent.ForkJoinPool;
                import java.util.concurrent.ForkJoinTask;
                class Fj {
                    private final ForkJoinPool pool = ForkJoinPool.commonPool();
                    private int n;
                    synchronized void count() { n++; }
                    synchronized void viaCommon() {
                        pool.submit(() -> count()).join();
                    }
                    synchronized void viaCommon2() {
                        ForkJoinTask<?> t = pool.submit(() -> count());
                        t.join();
                    }
                }
"""),
                Map.entry("io/acme/Server.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.util.concurrent.DefaultEventExecutorGroup;
                import io.netty.util.concurrent.EventExecutorGroup;
                class Server {
                    private final EventExecutorGroup business = new DefaultEventExecutorGroup(4);
                    private Channel channel;
                    private int open;
                    void init() {
                        // the handler runs on 'business', not on the channel's event loop
                        channel.pipeline().addLast(business, "h", new Handler());
                    }
                    synchronized void stop() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                }
"""),
                Map.entry("io/acme/NoStart.java", """
                package io.acme;
                class NoStart {
                    private int n;
                    synchronized void count() { n++; }
                    synchronized void a() throws InterruptedException {
                        Thread t = new Thread(() -> count());
                        t.join();   // never started: join returns at once
                    }
                    void b() throws InterruptedException {
                        Thread t = new Thread(() -> count());
                        t.start();
                        t.join();              // waited without the lock: t is dead afterwards
                        synchronized (this) {
                            t.join();          // returns at once
                        }
                    }
                }
"""),
                Map.entry("io/acme/Chain.java", """
                package io.acme;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Future;
                class Chain {
                    private final ExecutorService pool;
                    private int n;
                    Chain(ExecutorService pool) { this.pool = pool; }
                    synchronized void count() { n++; }
                    void load() { }
                    synchronized void a() {
                        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> load());
                        f.thenRun(() -> count());
                        f.join();
                        CompletableFuture.runAsync(() -> load()).thenRun(() -> count()).join();
                    }
                    synchronized void b(int k) throws Exception {
                        Future<?> f = pool.submit(() -> load());
                        for (int i = 0; i < k; i++) {
                            f = pool.submit(() -> count());
                        }
                        f.get();
                    }
                    synchronized void c() throws Exception {
                        pool.submit(() -> count()).get(1, java.util.concurrent.TimeUnit.SECONDS);
                        Thread t = new Thread(() -> count());
                        t.start();
                        t.join(1000);
                    }
                }
"""),
                Map.entry("io/acme/Peer.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                class Peer {
                    private final Object lock = new Object();
                    private final ExecutorService pool;
                    private int n;
                    Peer(ExecutorService pool) { this.pool = pool; }
                    void transfer(Peer other) throws Exception {
                        synchronized (other.lock) {
                            pool.submit(() -> { synchronized (lock) { n++; } }).get();
                        }
                    }
                    void transfer2(Peer other) throws Exception {
                        synchronized (lock) {
                            pool.submit(() -> { synchronized (other.lock) { other.n++; } }).get();
                        }
                    }
                }
"""),
                Map.entry("io/acme/TryLocker.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.locks.ReentrantLock;
                class TryLocker {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final ExecutorService pool;
                    TryLocker(ExecutorService pool) { this.pool = pool; }
                    void poke() {
                        if (lock.tryLock()) {
                            try { } finally { lock.unlock(); }
                        }
                    }
                    void run() throws Exception {
                        lock.lock();
                        try {
                            pool.submit(() -> poke()).get();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Node.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                class Node {
                    private final ExecutorService pool;
                    private Node parent;
                    private int n;
                    Node(ExecutorService pool) { this.pool = pool; }
                    synchronized void bump() { n++; }
                    // waiter holds the parent's monitor; the task takes this node's monitor
                    void viaParent() throws Exception {
                        synchronized (parent) {
                            pool.submit(() -> bump()).get();
                        }
                    }
                    // anonymous Runnable locks its own instance, not Node.this
                    synchronized void anon() throws Exception {
                        pool.submit(new Runnable() {
                            @Override
                            public void run() {
                                synchronized (this) { n++; }
                            }
                        }).get();
                    }
                    // anonymous subclass of Node: bump() runs on the new Node, not on this
                    synchronized void sub() throws Exception {
                        Thread t = new Thread(new Node(pool) {
                            @Override
                            void bump() { super.bump(); }
                        }::bump);
                        t.start();
                        t.join();
                    }
                }
"""),
                Map.entry("io/acme/Worker.java", """
                package io.acme;
                class Worker extends Thread {
                    private int n;
                    synchronized void count() { n++; }
                    synchronized void rebuild() throws InterruptedException {
                        // a new Worker whose run() calls count() on itself (the new thread object), not on this
                        Thread w = new Worker() {
                            @Override
                            public void run() { count(); }
                        };
                        w.start();
                        w.join();
                    }
                }
"""),
                Map.entry("io/acme/Direct.java", """
                package io.acme;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.Executor;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Executors;
                class Direct {
                    private final Executor executor = Runnable::run;
                    private final ExecutorService pool = Executors.newSingleThreadExecutor();
                    private int n;
                    synchronized void count() { n++; }
                    synchronized void a() {
                        CompletableFuture.runAsync(() -> count(), Runnable::run).join();
                    }
                    synchronized void b() {
                        CompletableFuture.runAsync(() -> count(), executor).join();
                    }
                    synchronized void c() {
                        CompletableFuture.runAsync(() -> count(), r -> r.run()).join();
                    }
                }
"""),
                Map.entry("io/acme/Done.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Future;
                class Done {
                    private final ExecutorService pool;
                    private int n;
                    Done(ExecutorService pool) { this.pool = pool; }
                    synchronized int size() { return n; }
                    int poll() throws Exception {
                        Future<Integer> f = pool.submit(() -> size());
                        synchronized (this) {
                            if (f.isDone()) {
                                return f.get();
                            }
                            return -1;
                        }
                    }
                    synchronized void abort() throws Exception {
                        Future<Integer> f = pool.submit(() -> size());
                        f.cancel(true);
                        f.get();
                    }
                }
"""),
                Map.entry("io/acme/Nested.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                class Nested {
                    private final ExecutorService pool;
                    private final ExecutorService later;
                    private int n;
                    Nested(ExecutorService pool, ExecutorService later) { this.pool = pool; this.later = later; }
                    synchronized void count() { n++; }
                    synchronized void hand() throws Exception {
                        // the task only hands count() to another executor and returns
                        pool.submit(() -> later.execute(() -> count())).get();
                    }
                    synchronized void hand2() throws Exception {
                        pool.submit(() -> later.execute(this::count)).get();
                    }
                    synchronized void hand3() throws Exception {
                        pool.submit(() -> { later.execute(() -> { synchronized (this) { n++; } }); }).get();
                    }
                    synchronized void hand4() throws Exception {
                        pool.submit(new Runnable() {
                            public void run() {
                                later.execute(new Runnable() { public void run() { count(); } });
                            }
                        }).get();
                    }
                }
"""),
                Map.entry("io/acme/Sub.java", """
                package io.acme;
                class Sub {
                    private int n;
                    synchronized void count() { n++; }
                    static class Pinger extends Thread {
                        private final Runnable onError;
                        Pinger(Runnable onError) { this.onError = onError; }
                        @Override public void run() { /* pings; calls onError only on failure */ }
                    }
                    synchronized void ping() throws InterruptedException {
                        Thread t = new Pinger(() -> count());
                        t.start();
                        t.join();
                    }
                }
"""),
                Map.entry("io/acme/Unstarted.java", """
                package io.acme;
                class Unstarted {
                    private int n;
                    private boolean async;
                    synchronized void count() { n++; }
                    synchronized void go() throws InterruptedException {
                        Thread t = new Thread(() -> count());
                        if (async) {
                            t.start();
                        } else {
                            t.run();   // runs in this thread (re-entrant), t never started
                        }
                        if (async) {
                            return;
                        }
                        t.join();      // not started: returns at once
                    }
                }
"""),
                Map.entry("io/acme/InLambda.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import javax.swing.SwingUtilities;
                class InLambda {
                    private final ExecutorService pool;
                    private int n;
                    InLambda(ExecutorService pool) { this.pool = pool; }
                    synchronized void count() { n++; }
                    synchronized void m() {
                        pool.execute(() -> {
                            try {
                                pool.submit(() -> count()).get();
                            } catch (Exception e) {
                            }
                        });
                    }
                    synchronized void s() {
                        pool.execute(() -> {
                            try {
                                SwingUtilities.invokeAndWait(() -> count());
                            } catch (Exception e) {
                            }
                        });
                    }
                }
"""),
                Map.entry("io/acme/Relock.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.locks.ReentrantLock;
                class Relock {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final ExecutorService pool;
                    private int n;
                    Relock(ExecutorService pool) { this.pool = pool; }
                    void locked() {
                        lock.lock();
                        try { n++; } finally { lock.unlock(); }
                    }
                    void m() throws Exception {
                        lock.lock();
                        try {
                            n--;
                            lock.unlock();
                            try {
                                pool.submit(() -> locked()).get();
                            } finally {
                                lock.lock();
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                    void guarded() throws Exception {
                        lock.lock();
                        try {
                            if (!lock.isHeldByCurrentThread()) {
                                pool.submit(() -> locked()).get();
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Mixed.java", """
                package io.acme;
                import com.google.common.util.concurrent.ListenableFuture;
                import io.netty.channel.Channel;
                import java.util.concurrent.Executor;
                class Mixed {
                    private final Object lock = new Object();
                    private Channel channel;
                    private int done;
                    // Guava listener: runs on 'pool', never on the Netty event loop
                    void watch(ListenableFuture<?> job, Executor pool) {
                        job.addListener(() -> { synchronized (lock) { done++; } }, pool);
                    }
                    void close() {
                        synchronized (lock) {
                            channel.close().syncUninterruptibly();
                        }
                    }
                }
"""),
                Map.entry("io/acme/NettyDone.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFuture;
                class NettyDone {
                    private final Object lock = new Object();
                    private Channel channel;
                    private ChannelFuture closing;
                    private int done;
                    void bind() {
                        channel.closeFuture().addListener(f -> { synchronized (lock) { done++; } });
                    }
                    void check() throws Exception {
                        synchronized (lock) {
                            ChannelFuture f = channel.close();
                            if (f.isDone()) {
                                f.get();
                            }
                        }
                    }
                }
"""),
                Map.entry("io/acme/SwingRw.java", """
                package io.acme;
                import java.awt.event.ActionEvent;
                import java.awt.event.ActionListener;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                import javax.swing.SwingUtilities;
                class SwingRw implements ActionListener {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private int moves;
                    @Override
                    public void actionPerformed(ActionEvent e) {
                        rw.readLock().lock();
                        try { System.out.println(moves); } finally { rw.readLock().unlock(); }
                    }
                    void replay() throws Exception {
                        rw.readLock().lock();
                        try {
                            SwingUtilities.invokeAndWait(() -> System.out.println(moves));
                        } finally {
                            rw.readLock().unlock();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Ui.java", """
                package io.acme;
                import org.eclipse.swt.events.SelectionAdapter;
                import org.eclipse.swt.events.SelectionEvent;
                import org.eclipse.swt.widgets.Display;
                class Ui {
                    private final Display display;
                    private final StringBuilder text = new StringBuilder();
                    Ui(Display display) { this.display = display; }
                    class Clear extends SelectionAdapter {
                        @Override
                        public void widgetSelected(SelectionEvent e) {
                            synchronized (text) { text.setLength(0); }
                        }
                    }
                    class Append extends SelectionAdapter {
                        @Override
                        public void widgetSelected(SelectionEvent e) {
                            // runs on the UI thread: syncExec runs the runnable inline, no other callback can run meanwhile
                            synchronized (text) {
                                text.append('x');
                                display.syncExec(() -> System.out.println(text));
                            }
                        }
                    }
                    void start() {
                        display.asyncExec(() -> {
                            synchronized (text) {
                                display.syncExec(() -> System.out.println(text));
                            }
                        });
                    }
                }
"""),
                Map.entry("io/acme/Shadow.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Future;
                class Shadow {
                    private final ExecutorService pool;
                    private Future<?> pending;   // set by start(), from a task that takes no lock
                    private int n;
                    Shadow(ExecutorService pool) { this.pool = pool; }
                    synchronized void count() { n++; }
                    void start() { pending = pool.submit(() -> System.out.println("io")); }
                    synchronized void finish(boolean retry) throws Exception {
                        if (retry) {
                            Future<?> pending = pool.submit(() -> count());
                            System.out.println(pending);
                            return;
                        }
                        pending.get();   // the field: its task takes no lock
                    }
                }
"""),
                Map.entry("io/acme/Resolver.java", """
                package io.acme;
                import io.netty.channel.ChannelFuture;
                import io.netty.channel.ChannelFutureListener;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                class Resolver extends ChannelInboundHandlerAdapter {
                    private final Object lock = new Object();
                    private int reads;
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        synchronized (lock) { reads++; }
                    }
                    void connect(ChannelFuture connecting) {
                        connecting.addListener(new ChannelFutureListener() {
                            @Override
                            public void operationComplete(ChannelFuture future) throws Exception {
                                synchronized (lock) {
                                    future.sync(); // done already: a listener runs once the future completes; rethrows the cause
                                }
                            }
                        });
                    }
                    void afterClose(ChannelFuture closed) throws Exception {
                        closed.syncUninterruptibly();
                        synchronized (lock) {
                            closed.get(); // already done: waited for above
                        }
                    }
                }
"""),
                Map.entry("io/acme/Peers.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                abstract class Base {
                    protected int hits;
                    synchronized void touch() { hits++; }
                }
                class Client extends Base {
                    private Channel channel;
                    synchronized void shutdown() {
                        channel.close().syncUninterruptibly();   // holds the Client's monitor
                    }
                }
                class Inbound extends Base {
                    // a separate object: its own monitor, never the Client's
                    final ChannelInboundHandlerAdapter handler = new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) { touch(); }
                    };
                }
                class Counter extends ChannelInboundHandlerAdapter {
                    private int reads;
                    @Override
                    public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) { reads++; }
                }
"""),
                Map.entry("io/acme/Link.java", """
                package io.acme;
                import io.netty.bootstrap.Bootstrap;
                import io.netty.channel.ChannelFuture;
                class Link {
                    private final Object lock = new Object();
                    private Bootstrap bootstrap;
                    private ChannelFuture connectFuture;
                    private boolean connected;
                    void connect() {
                        connectFuture = bootstrap.connect();
                        connectFuture.addListener(f -> { synchronized (lock) { connected = f.isSuccess(); } });
                    }
                    void awaitConnected() throws Exception {
                        synchronized (lock) {
                            connectFuture.sync();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Link2.java", """
                package io.acme;
                import io.netty.bootstrap.Bootstrap;
                import io.netty.channel.ChannelFuture;
                class Link2 {
                    private final Object lock = new Object();
                    private Bootstrap bootstrap;
                    private ChannelFuture connectFuture;
                    private boolean connected;
                    void connect() {
                        connectFuture = bootstrap.connect();
                        connectFuture.addListener(f -> { synchronized (lock) { connected = f.isSuccess(); } });
                        synchronized (lock) {
                            connectFuture.sync();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Session.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelPipeline;
                import io.netty.util.concurrent.EventExecutorGroup;
                class Session {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    // the handler's events run on the business pool, not on the channel's event loop
                    void install(ChannelPipeline pipeline, EventExecutorGroup pool) {
                        pipeline.addLast(pool, "session", new Handler());
                    }
                }
"""),
                Map.entry("io/acme/Session3.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelPipeline;
                import io.netty.util.concurrent.EventExecutorGroup;
                class Session3 {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    // the handler's events run on the business pool, not on the channel's event loop
                    private EventExecutorGroup businessPool() { return null; }
                    void install(ChannelPipeline pipeline) {
                        pipeline.addLast(businessPool(), "session", new Handler());
                    }
                }
"""),
                Map.entry("io/acme/Session4.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelPipeline;
                import io.netty.util.concurrent.EventExecutorGroup;
                class Session4 {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    // the handler's events run on the business pool, not on the channel's event loop
                    void install(ChannelPipeline pipeline) {
                        var pool = new io.netty.util.concurrent.DefaultEventExecutorGroup(2);
                        pipeline.addLast(pool, "session", new Handler());
                    }
                }
""")
        );
        sources.forEach((name, source) -> assertThat(tester.findings(name, source))
                .as(name)
                .allSatisfy(f -> assertThat(f.properties().get("shape"))
                        .isNotIn("event-thread-deadlock", "awaited-task-deadlock")));
    }

    /**
     * Deadlocks the first mends of these shapes missed (the second review): handlers added with
     * {@code addLast(decoder, encoder, handler)} (no executor group), a qualified static lock
     * ({@code Registry.LOCK}), a local copy of the lock field ({@code final ReentrantLock lock =
     * this.lock}), a listener on another future that is also named {@code future}, a timed wait
     * before the untimed one, another {@code invokeAndWait} made without the lock; and (a third
     * review) handlers added without a group whose names say "group". Each file has one.
     */
    @Test
    void theSecondReviewsMissedDeadlocksAreFound() {
        Map<String, String> sources = Map.ofEntries(
                Map.entry("io/acme/Session.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                import io.netty.handler.codec.string.StringEncoder;
                class Session {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new StringDecoder(), new StringEncoder(), new Handler());
                            }
                        };
                    }
                }
"""),
                Map.entry("io/acme/Registry.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                class Registry {
                    static final Object LOCK = new Object();
                    private static int entries;
                    private final ExecutorService pool;
                    Registry(ExecutorService pool) { this.pool = pool; }
                    static void add() { synchronized (Registry.LOCK) { entries++; } }
                    void reloadQualified() throws Exception {
                        synchronized (Registry.LOCK) {
                            pool.submit(() -> add()).get();
                        }
                    }
                    void reloadBare() throws Exception {
                        synchronized (LOCK) {
                            pool.submit(() -> add()).get();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Store.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.locks.ReentrantLock;
                class Store {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final ExecutorService pool;
                    private int n;
                    Store(ExecutorService pool) { this.pool = pool; }
                    void bump() {
                        lock.lock();
                        try { n++; } finally { lock.unlock(); }
                    }
                    void bumpAliased() {
                        final ReentrantLock lock = this.lock;
                        lock.lock();
                        try { n++; } finally { lock.unlock(); }
                    }
                    void flushAliased() throws Exception {
                        final ReentrantLock lock = this.lock;
                        lock.lock();
                        try {
                            pool.submit(() -> bump()).get();
                        } finally {
                            lock.unlock();
                        }
                    }
                    void flushToAliasedTaker() throws Exception {
                        lock.lock();
                        try {
                            pool.submit(() -> bumpAliased()).get();
                        } finally {
                            lock.unlock();
                        }
                    }
                    void flushSuper() throws Exception {
                        lock.lock();
                        try {
                            pool.submit(() -> bump()).get();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Link.java", """
                package io.acme;
                import io.netty.bootstrap.Bootstrap;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelFuture;
                class Link {
                    private final Object lock = new Object();
                    private Bootstrap bootstrap;
                    private Channel channel;
                    private boolean connected;
                    void connect() {
                        ChannelFuture future = bootstrap.connect();
                        future.addListener(f -> { synchronized (lock) { connected = f.isSuccess(); } });
                    }
                    void close() throws Exception {
                        synchronized (lock) {
                            ChannelFuture future = channel.close();
                            future.sync();
                        }
                    }
                }
"""),
                Map.entry("io/acme/Loader.java", """
                package io.acme;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Future;
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.TimeoutException;
                class Loader {
                    private final ExecutorService pool;
                    private int n;
                    Loader(ExecutorService pool) { this.pool = pool; }
                    synchronized void count() { n++; }
                    synchronized void load() throws Exception {
                        Future<?> f = pool.submit(() -> count());
                        try {
                            f.get(10, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException slow) {
                            System.out.println("slow load, waiting");
                        }
                        f.get();
                    }
                    synchronized void index() throws Exception {
                        Thread t = new Thread(() -> count());
                        t.start();
                        t.join(100);
                        t.join();
                    }
                }
"""),
                Map.entry("io/acme/Board.java", """
                package io.acme;
                import javax.swing.SwingUtilities;
                class Board {
                    private int moves;
                    synchronized void count() { moves++; }
                    // called from worker threads, holding nothing
                    void bump() throws Exception {
                        SwingUtilities.invokeAndWait(() -> count());
                    }
                    synchronized void replay() throws Exception {
                        SwingUtilities.invokeAndWait(() -> System.out.println("replayed"));
                    }
                }
"""),
                Map.entry("io/acme/SessionA.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandler;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                import io.netty.handler.codec.string.StringEncoder;
                class SessionA {
                    private Channel channel;
                    private int open;
                    private ChannelHandler workerGroupHandler;
                    private ChannelHandler decoder;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new GroupChatDecoder(), new StringEncoder(), new Handler());
                            }
                        };
                    }
                    void other() {
                        java.util.concurrent.ExecutorService decoder = null;
                    }
                }
"""),
                Map.entry("io/acme/SessionB.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandler;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                import io.netty.handler.codec.string.StringEncoder;
                class SessionB {
                    private Channel channel;
                    private int open;
                    private ChannelHandler workerGroupHandler;
                    private ChannelHandler decoder;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(workerGroupHandler, new StringEncoder(), new Handler());
                            }
                        };
                    }
                    void other() {
                        java.util.concurrent.ExecutorService decoder = null;
                    }
                }
"""),
                Map.entry("io/acme/SessionC.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandler;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                import io.netty.handler.codec.string.StringEncoder;
                class SessionC {
                    private Channel channel;
                    private int open;
                    private ChannelHandler workerGroupHandler;
                    private ChannelHandler decoder;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(decoder, new StringEncoder(), new Handler());
                            }
                        };
                    }
                    void other() {
                        java.util.concurrent.ExecutorService decoder = null;
                    }
                }
"""),
                Map.entry("io/acme/SessionD.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandler;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                import io.netty.handler.codec.string.StringEncoder;
                class SessionD {
                    private Channel channel;
                    private int open;
                    private ChannelHandler workerGroupHandler;
                    private ChannelHandler decoder;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new StringDecoder(), new StringEncoder(), new Handler());
                            }
                        };
                    }
                    void other() {
                        java.util.concurrent.ExecutorService decoder = null;
                    }
                }
"""),
                Map.entry("io/acme/SessionE.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                class SessionE {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("codec", new StringDecoder());
                                ch.pipeline().addAfter("codec", "groupHandler", new Handler());
                            }
                        };
                    }
                }
"""),
                Map.entry("io/acme/SessionF.java", """
                package io.acme;
                import io.netty.channel.Channel;
                import io.netty.channel.ChannelHandlerContext;
                import io.netty.channel.ChannelInboundHandlerAdapter;
                import io.netty.channel.ChannelInitializer;
                import io.netty.channel.socket.SocketChannel;
                import io.netty.handler.codec.string.StringDecoder;
                class SessionF {
                    private Channel channel;
                    private int open;
                    synchronized void close() {
                        channel.close().syncUninterruptibly();
                    }
                    synchronized void closed() { open--; }
                    class Handler extends ChannelInboundHandlerAdapter {
                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) { closed(); }
                    }
                    ChannelInitializer<SocketChannel> init() {
                        return new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("groupCodec", new StringDecoder());
                                ch.pipeline().addAfter("groupCodec", "session", new Handler());
                            }
                        };
                    }
                }
""")
        );
        sources.forEach((name, source) -> assertThat(tester.findings(name, source))
                .as(name)
                .anySatisfy(f -> assertThat(f.properties().get("shape"))
                        .isIn("event-thread-deadlock", "awaited-task-deadlock")));
    }
}
