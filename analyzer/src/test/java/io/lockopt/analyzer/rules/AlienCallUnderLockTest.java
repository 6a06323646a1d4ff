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
                    private final Runnable onChange;
                    private final Executor executor;
                    private long filled;
                    Book(Runnable onChange, Executor executor) { this.onChange = onChange; this.executor = executor; }
                    synchronized void fill(long qty, Consumer<Long> audit) {
                        filled += qty;
                        for (OrderListener l : listeners) {
                            l.onFill(qty); // expect: AlienCallUnderLock OrderListener.onFill
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

    /** Guava's LocalCache: listeners run only when the segment lock is not held; that path is no fact of a holder. */
    @Test
    void codeRunOnlyWhenNoLockIsHeldIsNoAlienCallOfAHolder() {
        tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.concurrent.locks.ReentrantLock;
                interface RemovalListener { void onRemoval(Object o); }
                class Segment {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final List<RemovalListener> listeners = new CopyOnWriteArrayList<>();
                    void put(Object o) {
                        lock.lock();
                        try {
                            postWriteCleanup(o);
                            notifyNow(o); // expect: AlienCallUnderLock RemovalListener.onRemoval
                        } finally {
                            lock.unlock();
                        }
                    }
                    void postWriteCleanup(Object o) {
                        if (!lock.isHeldByCurrentThread()) {
                            for (RemovalListener l : listeners) { l.onRemoval(o); }
                        }
                    }
                    void notifyNow(Object o) {
                        for (RemovalListener l : listeners) { l.onRemoval(o); }
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
                interface ChangeListener { void onChange(); }
                class Repository {
                    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
                    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
                    public void addMatch(String match, boolean notifyListeners) {
                        lock.writeLock().lock();
                        try {
                            if (notifyListeners) {
                                onChange(); // expect: AlienCallUnderLock ChangeListener.onChange
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
                        for (ChangeListener l : listeners) {
                            l.onChange();
                        }
                    }
                }
                """);
        assertThat(findings.get(0).related()).extracting(Reporter.RelatedLocation::message)
                .contains("reached under the lock from here too, in addAll");
        assertThat(findings.get(0).properties()).containsEntry("sites", "2");
    }

    /** dubbo's scope models tell their destroy listeners under the lock that orders the life cycle. */
    @Test
    void listenersToldOfAStartOrStopUnderTheLifeCycleLockAreLow() {
        tester.check("""
                import java.util.List;
                import java.util.concurrent.CopyOnWriteArrayList;
                interface DestroyListener { void onDestroy(Object model); }
                class ScopeModel {
                    private final Object instLock = new Object();
                    private final List<DestroyListener> listeners = new CopyOnWriteArrayList<>();
                    ScopeModel() {
                        synchronized (instLock) {
                            for (DestroyListener l : listeners) { l.onDestroy(this); } // expect-low: AlienCallUnderLock
                        }
                    }
                    void destroy() {
                        synchronized (instLock) {
                            for (DestroyListener l : listeners) { l.onDestroy(this); } // expect-low: AlienCallUnderLock
                        }
                    }
                    void addClassLoader(ClassLoader loader) {
                        synchronized (instLock) {
                            for (DestroyListener l : listeners) { l.onDestroy(loader); } // expect: AlienCallUnderLock
                        }
                    }
                }
                """);
    }
    /** elasticsearch's BindingProcessor: a private queue the class fills only with its own Runnables. */
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
                    void flush() {
                        synchronized (lock) {
                            for (Runnable r : uninitialized) {
                                r.run();
                            }
                            onDone.run();
                            for (Runnable r : handedIn) {
                                r.run(); // expect: AlienCallUnderLock Runnable.run
                            }
                        }
                    }
                }
                """);
    }
}
