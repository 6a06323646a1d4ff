package io.lockopt.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;

import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.SourceFile;

class LockFactsTest {

    /** The facts of one inline source, parsed at the newest language level the tests use. */
    static LockFacts facts(String source) {
        JavaParser parser = new JavaParser(
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        SourceFile file = new SourceFile("T.java", source, parser.parse(source).getResult().orElseThrow(),
                AnalysisSettings.defaults());
        return LockFacts.of(file);
    }

    private static MethodFacts method(LockFacts facts, String name) {
        return facts.methods().stream().filter(m -> m.name().equals(name) && m.kind() != MethodFacts.Kind.LAMBDA)
                .findFirst().orElseThrow();
    }

    @Test
    void computedOncePerFile() {
        String source = "class A { synchronized void run() { } }";
        JavaParser parser = new JavaParser();
        SourceFile file = new SourceFile("A.java", source, parser.parse(source).getResult().orElseThrow(),
                AnalysisSettings.defaults());
        assertThat(LockFacts.of(file)).isSameAs(LockFacts.of(file));
    }

    @Test
    void namesLocksByDeclaringClassAndField() {
        LockFacts facts = facts("""
                package io.acme;

                import java.util.concurrent.locks.*;

                class OrderBook {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final ReadWriteLock rw = new ReentrantReadWriteLock();
                    private final Lock readView = rw.readLock();
                    private final Object monitor = new Object();

                    synchronized void a() {
                    }

                    static synchronized void b() {
                    }

                    void c() {
                        synchronized (monitor) {
                        }
                        synchronized (OrderBook.class) {
                        }
                        lock.lock();
                        lock.unlock();
                        rw.writeLock().lock();
                        rw.writeLock().unlock();
                        readView.lock();
                        readView.unlock();
                        Lock alias = this.lock;
                        alias.lock();
                        alias.unlock();
                    }

                    class Inner {
                        void d() {
                            OrderBook.this.lock.lock();
                            lock.unlock();
                        }
                    }
                }
                """);
        assertThat(method(facts, "a").acquisitions()).extracting(a -> a.lock().lock().name())
                .containsExactly("io.acme.OrderBook.this");
        assertThat(method(facts, "b").acquisitions()).extracting(a -> a.lock().lock().name())
                .containsExactly("io.acme.OrderBook.class");
        assertThat(method(facts, "c").acquisitions()).extracting(a -> a.lock().lock().name() + "/" + a.lock().view())
                .containsExactly("io.acme.OrderBook.monitor/EXCLUSIVE", "io.acme.OrderBook.class/EXCLUSIVE",
                        "io.acme.OrderBook.lock/EXCLUSIVE", "io.acme.OrderBook.rw/WRITE", "io.acme.OrderBook.rw/READ",
                        "io.acme.OrderBook.lock/EXCLUSIVE");
        assertThat(method(facts, "c").releases()).hasSize(4);
        assertThat(method(facts, "d").acquisitions()).extracting(a -> a.lock().lock().name())
                .containsExactly("io.acme.OrderBook.lock");
        assertThat(method(facts, "d").releases()).extracting(r -> r.lock().lock().name())
                .containsExactly("io.acme.OrderBook.lock");
        assertThat(facts.classNamed("io.acme.OrderBook.Inner")).isNotNull();
    }

    @Test
    void criticalSectionsHoldWhatRunsInside() {
        LockFacts facts = facts("""
                import java.util.*;
                import java.util.concurrent.locks.*;

                class Book {
                    private final Lock lock = new ReentrantLock();
                    private final Object other = new Object();
                    private final Map<String, Long> prices = new HashMap<>();
                    private long version;

                    void update(String k, long v) {
                        prices.size();
                        lock.lock();
                        try {
                            prices.put(k, v);
                            version++;
                            synchronized (other) {
                                other.notifyAll();
                            }
                        } finally {
                            lock.unlock();
                        }
                        version = 0;
                    }
                }
                """);
        MethodFacts update = method(facts, "update");
        assertThat(update.sections()).hasSize(2);
        CriticalSection outer = update.sections().get(0);
        assertThat(outer.lock().lock().name()).isEqualTo("Book.lock");
        assertThat(outer.fieldAccesses()).extracting(a -> a.field().name() + ":" + a.kind())
                .contains("prices:MUTATE", "version:INCREMENT").doesNotContain("version:ASSIGN");
        assertThat(outer.nested()).extracting(a -> a.lock().lock().name()).containsExactly("Book.other");
        assertThat(outer.monitorCalls()).extracting(MonitorCall::kind).containsExactly(MonitorCall.Kind.NOTIFY_ALL);
        CriticalSection inner = update.sections().get(1);
        assertThat(inner.acquisition().held().sections()).containsExactly(outer);
        assertThat(update.calls()).filteredOn(c -> c.name().equals("size")).singleElement()
                .satisfies(c -> assertThat(c.held().isEmpty()).isTrue());
        FieldAccess reset = update.fieldAccesses().get(update.fieldAccesses().size() - 1);
        assertThat(reset.kind()).isEqualTo(FieldAccess.Kind.ASSIGN);
        assertThat(reset.held().isEmpty()).isTrue();
        assertThat(update.releases()).singleElement().satisfies(r -> assertThat(r.inFinally()).isTrue());
        assertThat(outer.body()).isNotNull();
        assertThat(outer.body().getStatements()).hasSize(3);
        assertThat(inner.body().getStatements()).singleElement().hasToString("other.notifyAll();");
    }

    @Test
    void resolvesTypesWithoutAClasspath() {
        LockFacts facts = facts("""
                import java.util.concurrent.*;
                import com.example.Queue;

                class Worker {
                    private final BlockingQueue<String> q = new LinkedBlockingQueue<>();

                    void run(Future<String> f, Queue custom) throws Exception {
                        var local = new ArrayBlockingQueue<String>(4);
                        Thread.sleep(1);
                        q.take();
                        local.put("x");
                        f.get();
                        custom.take();
                        java.nio.file.Files.readAllBytes(null);
                        helper().take();
                    }

                    BlockingQueue<String> helper() {
                        return q;
                    }
                }
                """);
        List<String> blocking = method(facts, "run").calls().stream().map(CallSite::blocking)
                .filter(b -> b != null).toList();
        assertThat(blocking).containsExactly("Thread.sleep", "BlockingQueue.take", "ArrayBlockingQueue.put",
                "Future.get", "Files.readAllBytes", "BlockingQueue.take");
        assertThat(method(facts, "run").calls()).filteredOn(c -> c.name().equals("take"))
                .extracting(CallSite::receiverType)
                .containsExactly("java.util.concurrent.BlockingQueue", "com.example.Queue",
                        "java.util.concurrent.BlockingQueue");
    }

    @Test
    void tryLockOpensTheGuardedBranchOnly() {
        LockFacts facts = facts("""
                import java.util.concurrent.locks.*;

                class Pool {
                    private final Lock lock = new ReentrantLock();

                    void run() {
                        if (lock.tryLock()) {
                            try {
                                inside();
                            } finally {
                                lock.unlock();
                            }
                        } else {
                            outside();
                        }
                        if (!lock.tryLock()) {
                            return;
                        }
                        try {
                            inside();
                        } finally {
                            lock.unlock();
                        }
                        outside();
                    }

                    void inside() {
                    }

                    void outside() {
                    }
                }
                """);
        for (CallSite call : method(facts, "run").calls()) {
            assertThat(call.held().isEmpty()).as(call.node() + " on line " + call.node().getBegin().get().line)
                    .isEqualTo(call.name().equals("outside"));
        }
    }

    @Test
    void lambdasAndAnonymousClassesStartWithNothingHeld() {
        LockFacts facts = facts("""
                class Book {
                    synchronized void run() {
                        Runnable r = () -> later();
                        Runnable s = new Runnable() {
                            public void run() {
                                later();
                            }
                        };
                        now();
                    }

                    void later() {
                    }

                    void now() {
                    }
                }
                """);
        List<CallSite> calls = facts.methods().stream().flatMap(m -> m.calls().stream()).toList();
        assertThat(calls).filteredOn(c -> c.name().equals("later")).hasSize(2)
                .allSatisfy(c -> assertThat(c.held().isEmpty()).isTrue());
        assertThat(calls).filteredOn(c -> c.name().equals("now")).singleElement()
                .satisfies(c -> assertThat(c.held().innermost().lock().lock().name()).isEqualTo("Book.this"));
        assertThat(facts.methods()).filteredOn(m -> m.kind() == MethodFacts.Kind.LAMBDA).singleElement()
                .satisfies(m -> assertThat(m.enclosing().name()).isEqualTo("run"));
    }

    @Test
    void conditionsKnowTheirLock() {
        LockFacts facts = facts("""
                import java.util.concurrent.locks.*;

                class Buffer {
                    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
                    private final Condition changed = rw.writeLock().newCondition();

                    void await() throws InterruptedException {
                        rw.writeLock().lock();
                        try {
                            while (true) {
                                changed.await();
                            }
                        } finally {
                            rw.writeLock().unlock();
                        }
                    }
                }
                """);
        MonitorCall await = method(facts, "await").monitorCalls().get(0);
        assertThat(await.kind()).isEqualTo(MonitorCall.Kind.AWAIT);
        assertThat(await.target().lock().name()).isEqualTo("Buffer.changed");
        assertThat(await.conditionOwner()).isEqualTo(new LockRef(LockId.field("Buffer", "rw"), LockView.WRITE,
                LockKind.LOCK));
        assertThat(await.heldWhileWaiting()).isNull();
    }

    @Test
    void callSitesSayWhereTheReceiverComesFrom() {
        LockFacts facts = facts("""
                import java.util.List;
                import java.util.function.*;

                class Bus {
                    private final List<Consumer<String>> listeners = new java.util.ArrayList<>();
                    private Runnable onClose;

                    synchronized void publish(String event, Function<String, String> mapper) {
                        for (Consumer<String> listener : listeners) {
                            listener.accept(event);
                        }
                        mapper.apply(event);
                        onClose.run();
                        Runnable local = () -> { };
                        local.run();
                        helper();
                        Math.max(1, 2);
                    }

                    void helper() {
                    }
                }
                """);
        assertThat(method(facts, "publish").parameterTypes())
                .containsExactly("java.lang.String", "java.util.function.Function");
        assertThat(method(facts, "publish").calls())
                .extracting(c -> c.name() + ":" + c.receiver() + ":" + (c.receiverField() == null ? "-"
                        : c.receiverField().name()) + ":" + c.receiverType())
                .containsExactly("accept:ELEMENT_OF_FIELD:listeners:java.util.function.Consumer",
                        "apply:PARAMETER:-:java.util.function.Function",
                        "run:FIELD:onClose:java.lang.Runnable",
                        "run:LOCAL:-:java.lang.Runnable",
                        "helper:THIS:-:Bus",
                        "max:TYPE:-:java.lang.Math");
    }

    @Test
    void branchesThatLeaveDoNotEndTheSection() {
        LockFacts facts = facts("""
                import java.util.concurrent.locks.*;

                class Channel {
                    private final Lock lock = new ReentrantLock();
                    private boolean closed;

                    void write() {
                        lock.lock();
                        if (closed) {
                            lock.unlock();
                            return;
                        }
                        held();
                        try {
                            held();
                        } catch (RuntimeException e) {
                            lock.unlock();
                            throw e;
                        }
                        held();
                        if (closed) {
                            lock.unlock();
                        } else {
                            held();
                        }
                        free();
                    }

                    void held() {
                    }

                    void free() {
                    }
                }
                """);
        for (CallSite call : method(facts, "write").calls()) {
            assertThat(call.held().isEmpty()).as(call.node() + " on line " + call.node().getBegin().get().line)
                    .isEqualTo(call.name().equals("free"));
        }
    }

    @Test
    void fieldAccessesKnowWhoseFieldTheyTouch() {
        LockFacts facts = facts("""
                class Account {
                    private long balance;
                    private static int count;

                    void transfer(Account other, long amount) {
                        balance -= amount;
                        other.balance += amount;
                        this.balance++;
                        Account.count++;
                    }
                }
                """);
        assertThat(method(facts, "transfer").fieldAccesses())
                .extracting(a -> a.node() + ":" + a.kind() + ":" + a.onOwnObject())
                .containsExactly("balance:COMPOUND:true", "other.balance:COMPOUND:false",
                        "this.balance:INCREMENT:true", "Account.count:INCREMENT:true");
    }

    /**
     * A method documented as existing for tests is a test hook like {@code @VisibleForTesting}; a
     * sentence about its visibility ("Visible for testing only") or one that only mentions tests is not.
     */
    @Test
    void methodsDocumentedForTestsAreTestOnly() {
        LockFacts facts = facts("""
                class Metrics {
                    /** For testing purpose only. */
                    Object snapshot() { return null; }
                    // only used by tests
                    void reset() { }
                    /**
                     * Returns the expiry times, for debugging and testing purposes only!
                     */
                    long[] expiries() { return null; }
                    /** TEST ONLY */
                    void inject() { }
                    /** Visible for testing only. */
                    void drain() { }
                    // Package-private for testing only
                    void flush() { }
                    /** Counts the tests that ran; only the first one is kept. */
                    int count() { return 0; }
                    void close() { }
                }
                """);
        assertThat(java.util.stream.Stream.of("snapshot", "reset", "expiries", "inject")
                .map(name -> method(facts, name).isTestOnly())).containsOnly(true);
        assertThat(java.util.stream.Stream.of("drain", "flush", "count", "close")
                .map(name -> method(facts, name).isTestOnly())).containsOnly(false);
    }
}
