package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Reporter;

class AlienCallUnderLockTest {
    private final RuleTester tester = RuleTester.of(new AlienCallUnderLock());

    @Test
    void listenersCallbacksAndFunctionalInterfaces() {
        var findings = tester.check("""
                package io.acme;
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.concurrent.Executor;
                import java.util.function.Consumer;
                interface OrderListener { void onFill(long qty); }
                class Book {
                    private final List<OrderListener> listeners = new CopyOnWriteArrayList<>();
                    private final List<Consumer<Long>> subscribers = new CopyOnWriteArrayList<>();
                    private final Runnable onChange;
                    private final Executor executor;
                    private long filled;
                    Book(Runnable onChange, Executor executor) { this.onChange = onChange; this.executor = executor; }
                    synchronized void fill(long qty, Consumer<Long> audit) {
                        filled += qty;
                        for (OrderListener l : listeners) {
                            l.onFill(qty); // expect-low: AlienCallUnderLock OrderListener.onFill
                        }
                        for (Consumer<Long> s : subscribers) {
                            s.accept(qty); // expect: AlienCallUnderLock Consumer.accept
                        }
                        onChange.run(); // expect-low: AlienCallUnderLock Runnable.run
                        audit.accept(qty); // expect-low: AlienCallUnderLock Consumer.accept
                        Runnable local = () -> filled++;
                        local.run();
                        executor.execute(onChange);
                    }
                    void fillOpen(long qty) {
                        synchronized (this) { filled += qty; }
                        onChange.run();
                    }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "io.acme.Book.this");
    }

    /**
     * Queued tasks run in the critical section that guards their queue (grails' shutdown operations,
     * vicluster's finalizers: held-out, judged debatable) serialize themselves by design: low, through
     * a helper too. Listeners and consumers in a list stay high, Runnables kept as listeners too.
     */
    @Test
    void queuedTasksRunUnderTheLockAreLowListenersAreNot() {
        tester.check("""
                package io.acme;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.concurrent.Callable;
                import java.util.function.Consumer;
                class ShutdownOperations {
                    private final List<Runnable> operations = new ArrayList<>();
                    private final List<Callable<Void>> finalizers = new ArrayList<>();
                    private final List<Consumer<String>> listeners = new ArrayList<>();
                    private final List<Runnable> stopListeners = new ArrayList<>();
                    void add(Runnable operation) { synchronized (this) { operations.add(operation); } }
                    void listen(Consumer<String> listener) { synchronized (this) { listeners.add(listener); } }
                    synchronized void runOperations() throws Exception {
                        for (Runnable operation : operations) {
                            operation.run(); // expect-low: AlienCallUnderLock Runnable.run
                        }
                        for (Callable<Void> finalizer : finalizers) {
                            finalizer.call(); // expect-low: AlienCallUnderLock Callable.call
                        }
                        operations.clear();
                        for (Consumer<String> listener : listeners) {
                            listener.accept("stopped"); // expect: AlienCallUnderLock Consumer.accept
                        }
                        for (Runnable listener : stopListeners) {
                            listener.run(); // expect: AlienCallUnderLock Runnable.run
                        }
                    }
                    synchronized void runAgain() {
                        each(); // expect-low: AlienCallUnderLock
                    }
                    private void each() {
                        for (Runnable operation : operations) {
                            operation.run();
                        }
                    }
                }
                """);
    }

    /**
     * milib's GlobalObjectMappers: registered modifiers configure the mapper in the branch that finds
     * it missing and creates it; every waiter needs the finished mapper anyway: low. The same
     * modifiers run on every call, outside a lazy initialization, stay high.
     */
    @Test
    void callbacksThatConfigureALazilyCreatedValueAreLow() {
        tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.function.Consumer;
                class Mappers {
                    private static final Object sync = new Object();
                    private static final List<Consumer<StringBuilder>> modifiers = new CopyOnWriteArrayList<>();
                    private static StringBuilder oneLine;
                    static StringBuilder oneLine() {
                        synchronized (sync) {
                            if (oneLine == null) {
                                oneLine = new StringBuilder();
                                for (Consumer<StringBuilder> modifier : modifiers) {
                                    modifier.accept(oneLine); // expect-low: AlienCallUnderLock
                                }
                            }
                            return oneLine;
                        }
                    }
                    private static final java.util.Map<String, StringBuilder> byKey = new java.util.HashMap<>();
                    static StringBuilder forKey(String key) {
                        synchronized (sync) {
                            StringBuilder made = byKey.get(key);
                            if (made == null) {
                                made = new StringBuilder(key);
                                byKey.put(key, made);
                                for (Consumer<StringBuilder> modifier : modifiers) {
                                    modifier.accept(made); // expect: AlienCallUnderLock
                                }
                            }
                            return made;
                        }
                    }
                    static StringBuilder fresh() {
                        synchronized (sync) {
                            StringBuilder made = new StringBuilder();
                            for (Consumer<StringBuilder> modifier : modifiers) {
                                modifier.accept(made); // expect: AlienCallUnderLock
                            }
                            return made;
                        }
                    }
                }
                """);
    }

    @Test
    void throughACalleeInAnotherClass() {
        tester.checkFiles(Map.of("a/Notifier.java", """
                package a;
                class Notifier {
                    private Runnable callback;
                    void fire() { callback.run(); }
                    void each(Runnable action) { action.run(); }
                }
                """, "a/Store.java", """
                package a;
                class Store {
                    private final Object lock = new Object();
                    private final Notifier notifier = new Notifier();
                    void save() {
                        synchronized (lock) {
                            notifier.fire(); // expect-low: AlienCallUnderLock Notifier.fire -> Runnable.run
                            notifier.each(() -> { });
                        }
                    }
                }
                """));
    }

    /**
     * A listener type the analyzed code declares itself (in any of its files) is its own extension
     * point: low. One it only imports, from a library not analyzed, is code nobody here wrote.
     */
    @Test
    void ownListenerTypesAreLowForeignOnesAreNot() {
        tester.checkFiles(Map.of("a/ConnectListener.java", """
                package a;
                public interface ConnectListener { void onConnect(Object system); }
                """, "a/Registry.java", """
                package a;
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import org.other.events.EventListener;
                class Registry {
                    private final Object lock = new Object();
                    private final List<ConnectListener> own = new CopyOnWriteArrayList<>();
                    private final List<EventListener> foreign = new CopyOnWriteArrayList<>();
                    void connect(Object system) {
                        synchronized (lock) {
                            for (ConnectListener l : own) { l.onConnect(system); } // expect-low: AlienCallUnderLock ConnectListener.onConnect
                            for (EventListener l : foreign) { l.onEvent(system); } // expect: AlienCallUnderLock EventListener.onEvent
                        }
                    }
                }
                """));
    }

    /**
     * fabric3's domain notifies its {@code org.fabric3.spi} deploy listeners from {@code
     * org.fabric3.fabric}: another module of the same project, its own extension point (low). Under
     * an organisation of many projects ({@code org.apache}) the project is the third segment.
     */
    @Test
    void aListenerTypeOfAnotherModuleOfTheSameProjectIsItsOwn() {
        tester.checkFiles(Map.of("org/fabric3/fabric/domain/Domain.java", """
                package org.fabric3.fabric.domain;
                import java.util.List;
                import org.fabric3.spi.domain.DeployListener;
                import org.apache.other.Listener;
                class Domain {
                    private List<DeployListener> listeners;
                    private List<Listener> others;
                    synchronized void include(Object deployable) {
                        for (DeployListener listener : listeners) {
                            listener.onDeploy(deployable); // expect-low: AlienCallUnderLock
                        }
                    }
                }
                """, "org/apache/mine/Hub.java", """
                package org.apache.mine;
                import java.util.List;
                import org.apache.other.Listener;
                class Hub {
                    private List<Listener> others;
                    synchronized void fire(Object event) {
                        for (Listener l : others) {
                            l.onEvent(event); // expect: AlienCallUnderLock
                        }
                    }
                }
                """));
    }

    /** Guava's LocalCache: listeners run only when the segment lock is not held; that path is no fact of a holder. */
    @Test
    void codeRunOnlyWhenNoLockIsHeldIsNoAlienCallOfAHolder() {
        tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.concurrent.locks.ReentrantLock;
                import java.util.function.Consumer;
                class Segment {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
                    void put(Object o) {
                        lock.lock();
                        try {
                            postWriteCleanup(o);
                            notifyNow(o); // expect: AlienCallUnderLock Consumer.accept
                        } finally {
                            lock.unlock();
                        }
                    }
                    void postWriteCleanup(Object o) {
                        if (!lock.isHeldByCurrentThread()) {
                            for (Consumer<Object> l : listeners) { l.accept(o); }
                        }
                    }
                    void notifyNow(Object o) {
                        for (Consumer<Object> l : listeners) { l.accept(o); }
                    }
                }
                """);
    }

    /** Artemis' repository: swap() adds matches under its write lock with notifyListeners = false. */
    @Test
    void aPathRuledOutByAConstantArgumentIsNotFollowed() {
        var findings = tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                class Repository {
                    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
                    public void addMatch(String match, boolean notifyListeners) {
                        lock.writeLock().lock();
                        try {
                            if (notifyListeners) {
                                onChange(); // expect: AlienCallUnderLock Runnable.run
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    public void swap(List<String> matches) {
                        lock.writeLock().lock();
                        try {
                            for (String m : matches) {
                                addMatch(m, false);
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                        onChange();
                    }
                    public void addAll(List<String> matches) {
                        lock.writeLock().lock();
                        try {
                            for (String m : matches) {
                                addMatch(m, true); // the same listener call under the same lock: related
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    private void onChange() {
                        for (Runnable l : listeners) {
                            l.run();
                        }
                    }
                }
                """);
        assertThat(findings.get(0).related()).extracting(Reporter.RelatedLocation::message)
                .contains("reached under the lock from here too, in addAll");
        assertThat(findings.get(0).properties()).containsEntry("sites", "2");
    }

    /**
     * dubbo's scope models tell their destroy listeners under the lock that orders the life cycle;
     * stagemonitor runs its shutdown actions in {@code shutDown()} (held-out sample 44).
     */
    @Test
    void listenersToldOfAStartOrStopUnderTheLifeCycleLockAreLow() {
        tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.function.Consumer;
                class ScopeModel {
                    private final Object instLock = new Object();
                    private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
                    ScopeModel() {
                        synchronized (instLock) {
                            for (Consumer<Object> l : listeners) { l.accept(this); } // expect-low: AlienCallUnderLock
                        }
                    }
                    void destroy() {
                        synchronized (instLock) {
                            for (Consumer<Object> l : listeners) { l.accept(this); } // expect-low: AlienCallUnderLock
                        }
                    }
                    void shutDown() {
                        synchronized (instLock) {
                            for (Consumer<Object> l : listeners) { l.accept(this); } // expect-low: AlienCallUnderLock
                        }
                    }
                    void addClassLoader(ClassLoader loader) {
                        synchronized (instLock) {
                            for (Consumer<Object> l : listeners) { l.accept(loader); } // expect: AlienCallUnderLock
                        }
                    }
                }
                """);
    }
    /**
     * testng-foundation's listener chain, games-core's publisher (held-out samples 36 and 44):
     * {@code synchronized (listeners)} around the loop over that same list keeps it from changing
     * while it is iterated; other threads wait on it only to add or remove a listener: low, also
     * through a private helper. Listeners called under another lock, also around the list's
     * monitor (the cooperating-objects deadlock), stay high.
     */
    @Test
    void listenersCalledUnderTheirOwnListsMonitorAreLow() {
        tester.check("""
                import java.util.*;
                import java.util.function.Consumer;
                class Chain {
                    private final List<Consumer<String>> listeners = Collections.synchronizedList(new ArrayList<>());
                    private final Object state = new Object();
                    void add(Consumer<String> l) { listeners.add(l); }
                    void started(String name) {
                        synchronized (listeners) {
                            for (Consumer<String> l : listeners) {
                                l.accept(name); // expect-low: AlienCallUnderLock
                            }
                        }
                    }
                    void finished(String name) {
                        synchronized (listeners) {
                            fire(name); // expect-low: AlienCallUnderLock
                        }
                    }
                    private void fire(String name) {
                        for (Consumer<String> l : listeners) {
                            l.accept(name);
                        }
                    }
                    void changed(String name) {
                        synchronized (state) {
                            for (Consumer<String> l : listeners) {
                                l.accept(name); // expect: AlienCallUnderLock
                            }
                        }
                    }
                    void set(String name) {
                        synchronized (state) {
                            synchronized (listeners) {
                                for (Consumer<String> l : listeners) {
                                    l.accept(name); // expect: AlienCallUnderLock
                                }
                            }
                        }
                    }
                }
                """);
    }

    /**
     * elasticsearch's BindingProcessor: a private queue the class fills only with its own Runnables is
     * silent; one that takes a caller's Runnable is reported, low as every queued task run under its
     * queue's lock is.
     */
    @Test
    void aPrivateFieldFilledOnlyWithTheFilesOwnCodeIsNotAlien() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                class Bindings {
                    private final Object lock = new Object();
                    private final List<Runnable> uninitialized = new ArrayList<>();
                    private final List<Runnable> handedIn = new ArrayList<>();
                    private Runnable onDone = () -> { };
                    void bind(String key) {
                        uninitialized.add(new Runnable() {
                            public void run() { System.out.println(key); }
                        });
                        uninitialized.add(() -> System.out.println(key));
                    }
                    void register(Runnable r) {
                        handedIn.add(r);
                    }
                    private final List<Runnable> cached = new ArrayList<>();
                    private final List<Runnable> cachedToo = new ArrayList<>();
                    private void runAfterActive(Runnable r) {
                        cached.add(r);
                    }
                    private void runLater(Runnable r) {
                        cachedToo.add(r);
                    }
                    void createQueue(String name) {
                        runAfterActive(new Runnable() {
                            public void run() { System.out.println(name); }
                        });
                        runLater(() -> System.out.println(name));
                    }
                    void createTopic(Runnable given) {
                        runLater(given);
                    }
                    void activate() {
                        synchronized (lock) {
                            for (Runnable r : cached) {
                                r.run();
                            }
                            for (Runnable r : cachedToo) {
                                r.run(); // expect-low: AlienCallUnderLock Runnable.run
                            }
                        }
                    }
                    void flush() {
                        synchronized (lock) {
                            for (Runnable r : uninitialized) {
                                r.run();
                            }
                            onDone.run();
                            for (Runnable r : handedIn) {
                                r.run(); // expect-low: AlienCallUnderLock Runnable.run
                            }
                        }
                    }
                }
                """);
    }

    /**
     * wildfly-openssl's engine: {@code Runnable task = () -> {..}; tasks.add(task);}, the class's own
     * set-up lambdas queued through a local and run under the engine's lock (held-out sample 47,
     * judged wrong). A local reassigned from a parameter, or a field named like a local of another
     * block, stays (low: queued tasks).
     */
    @Test
    void ownCodeQueuedThroughALocalIsNotAlien() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                class Engine {
                    private final List<Runnable> tasks = new ArrayList<>();
                    private final List<Runnable> mixed = new ArrayList<>();
                    void setCiphers(String suites) {
                        Runnable task = () -> System.out.println(suites);
                        tasks.add(task);
                    }
                    void setProtocols(String protocols, Runnable given) {
                        Runnable task = () -> System.out.println(protocols);
                        if (given != null) {
                            task = given;
                        }
                        mixed.add(task);
                    }
                    private Runnable task;
                    private final List<Runnable> fieldToo = new ArrayList<>();
                    public void setTask(Runnable given) { this.task = given; }
                    void schedule(boolean log) {
                        if (log) {
                            Runnable task = () -> System.out.println("log");
                            fieldToo.add(task);
                        }
                        fieldToo.add(task);
                    }
                    synchronized void apply() {
                        for (Runnable task : tasks) {
                            task.run();
                        }
                        for (Runnable task : mixed) {
                            task.run(); // expect-low: AlienCallUnderLock Runnable.run
                        }
                        for (Runnable each : fieldToo) {
                            each.run(); // expect-low: AlienCallUnderLock Runnable.run
                        }
                    }
                }
                """);
    }

    /**
     * ConfigCat's hooks: callbacks run under the read lock, which the threads firing them share, so
     * only registration waits: low. The same loop under the write lock, or under a monitor around the
     * read lock, stays high.
     */
    @Test
    void callbacksUnderOnlyAReadLockAreLow() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.List;
                import java.util.concurrent.locks.ReentrantReadWriteLock;
                import java.util.function.Consumer;

                class Hooks {
                    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                    private final List<Consumer<String>> onChanged = new ArrayList<>();
                    void addOnChanged(Consumer<String> hook) {
                        lock.writeLock().lock();
                        try {
                            onChanged.add(hook);
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    void changed(String value) {
                        lock.readLock().lock();
                        try {
                            for (Consumer<String> hook : onChanged) {
                                hook.accept(value); // expect-low: AlienCallUnderLock Consumer.accept
                            }
                        } finally {
                            lock.readLock().unlock();
                        }
                    }
                    void replaced(String value) {
                        lock.writeLock().lock();
                        try {
                            for (Consumer<String> hook : onChanged) {
                                hook.accept(value); // expect: AlienCallUnderLock Consumer.accept
                            }
                        } finally {
                            lock.writeLock().unlock();
                        }
                    }
                    synchronized void changedInOrder(String value) {
                        lock.readLock().lock();
                        try {
                            for (Consumer<String> hook : onChanged) {
                                hook.accept(value); // expect: AlienCallUnderLock Consumer.accept
                            }
                        } finally {
                            lock.readLock().unlock();
                        }
                    }
                }
                """);
    }
}
