package io.lockopt.analyzer.rules;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * LockOrderInversion's two instances of one class and the ordering a held monitor undoes, as a third
 * reviewer tested them (session 34): real deadlocks a mend must not lose (a lock field of each
 * instance or of the other object is no gate, a default for null keeps the caller's object, the forms
 * of {@code instanceof} patterns javac scopes), and orderings no caller can undo (a private helper
 * called under the full ordering, a copy made only from a constructor). Tests named overshoot*
 * failed on the mend of 88f0e1a, wrongHigh* on the code before it.
 */
class LockOrderInversionInstancePairsTest {
    private final RuleTester tester = RuleTester.of(new LockOrderInversion());

    private void one(String pkg, String cls, String body) {
        tester.checkFiles(Map.of("r34/" + pkg + "/" + cls + ".java", "package r34." + pkg + ";\n" + body));
    }

    // 1a. heldAlreadyOrGated counts any FIELD lock as a gate, but an instance field is per object:
    // x.m(y) holds x.lock, y.m(x) holds y.lock, nothing keeps them apart.
    @Test
    void overshootMonitorOfAnInstanceField() {
        one("items", "MonitorOnItems", """
                import java.util.*;
                class MonitorOnItems {
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean addAll(MonitorOnItems other) {
                        synchronized (items) {
                            return items.add(other.size()); // expect: LockOrderInversion other.size() locks another
                        }
                    }
                    public synchronized boolean equals(Object o) {
                        synchronized (this.items) {
                            return o instanceof MonitorOnItems that && that.size() == items.size(); // expect: LockOrderInversion
                        }
                    }
                    public int hashCode() { return 1; }
                }
                """);
    }

    @Test
    void overshootInstanceLockFieldAndReentrantLockField() {
        one("fieldgate", "FieldGate", """
                import java.util.*;
                class FieldGate {
                    private final Object lock = new Object();
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean equals(Object o) {
                        synchronized (lock) {
                            if (!(o instanceof FieldGate)) { return false; }
                            FieldGate that = (FieldGate) o;
                            return that.size() == items.size(); // expect: LockOrderInversion
                        }
                    }
                    public int hashCode() { return 1; }
                }
                """);
        one("reentrantgate", "ReentrantFieldGate", """
                import java.util.*;
                import java.util.concurrent.locks.ReentrantLock;
                class ReentrantFieldGate {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized void addAll(ReentrantFieldGate other) {
                        lock.lock();
                        try {
                            items.add(other.size()); // expect: LockOrderInversion
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
        one("syncthat", "SyncThatField", """
                import java.util.*;
                class SyncThatField {
                    private final Object lock = new Object();
                    private final List<Object> items = new ArrayList<>();
                    public synchronized int compareTo(SyncThatField o) {
                        synchronized (lock) {
                            synchronized (o) { // expect: LockOrderInversion synchronized (o) locks another
                                return Integer.compare(items.size(), o.items.size());
                            }
                        }
                    }
                }
                """);
    }

    /** The OTHER object's lock field counts as a gate too. */
    @Test
    void overshootTheOthersLockField() {
        one("otherslock", "OthersLockField", """
                import java.util.*;
                class OthersLockField {
                    final Object lock = new Object();
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized void addAll(OthersLockField other) {
                        synchronized (other.lock) {
                            items.add(other.size()); // expect: LockOrderInversion
                        }
                    }
                }
                """);
    }

    /** gatedByEveryCaller with a per-instance lock: LOW lost in the older shape, and the new shape silenced. */
    @Test
    void overshootCallersPerInstanceLock() {
        one("callergate", "PrivateFieldGatedCaller", """
                import java.util.*;
                class PrivateFieldGatedCaller {
                    private final Object lock = new Object();
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public boolean addAll(PrivateFieldGatedCaller other) {
                        synchronized (lock) { return addAll0(other); }
                    }
                    private synchronized boolean addAll0(PrivateFieldGatedCaller other) {
                        return items.add(other.size()); // expect-low: LockOrderInversion
                    }
                }
                """);
        one("callergatenew", "MethodCallsGated", """
                class MethodCallsGated {
                    private final Object lock = new Object();
                    final long id = System.nanoTime();
                    void merge(MethodCallsGated other) {
                        synchronized (lock) { doMerge(other); }
                    }
                    private synchronized void doMerge(MethodCallsGated other) {
                        if (id < other.id) {
                            synchronized (this) { synchronized (other) { other.hashCode(); } }
                        } else {
                            synchronized (other) { synchronized (this) { other.hashCode(); } } // expect: LockOrderInversion deadlocks
                        }
                    }
                }
                """);
        one("newshapefield", "NewShapeMonitorOnField", """
                import java.util.*;
                class NewShapeMonitorOnField {
                    private final List<Object> items = new ArrayList<>();
                    final long id = System.nanoTime();
                    public synchronized void addAll(NewShapeMonitorOnField other) {
                        synchronized (items) {
                            if (id < other.id) {
                                synchronized (this) { synchronized (other) { items.addAll(other.items); } }
                            } else {
                                synchronized (other) { synchronized (this) { items.addAll(other.items); } } // expect: LockOrderInversion deadlocks
                            }
                        }
                    }
                }
                """);
    }

    /** reassigned: a null default is not "not the caller's object"; a non-null argument still deadlocks. */
    @Test
    void overshootNullDefault() {
        one("nulldefault", "NullDefault", """
                import java.util.*;
                class NullDefault {
                    static final NullDefault EMPTY = new NullDefault();
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized void addAll(NullDefault other) {
                        if (other == null) other = EMPTY;
                        items.add(other.size()); // expect: LockOrderInversion
                    }
                }
                """);
    }

    /** inScopeOf rejects pattern forms javac accepts (all HIGH at 26f6fda). */
    @Test
    void overshootPatternScopeForms() {
        one("negelse", "NegatedBracesElse", """
                import java.util.*;
                class NegatedBracesElse {
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean equals(Object o) {
                        if (!(o instanceof NegatedBracesElse that)) {
                            return false;
                        } else {
                            return that.size() == items.size(); // expect: LockOrderInversion
                        }
                    }
                    public int hashCode() { return 1; }
                }
                """);
        one("ornegated", "OrNegated", """
                import java.util.*;
                class OrNegated {
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean equals(Object o) {
                        if (o == null || !(o instanceof OrNegated that)) return false;
                        return that.size() == items.size(); // expect: LockOrderInversion
                    }
                    public int hashCode() { return 1; }
                }
                """);
        one("multistmt", "NegatedMultiStmt", """
                import java.util.*;
                class NegatedMultiStmt {
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean equals(Object o) {
                        if (!(o instanceof NegatedMultiStmt that)) {
                            System.out.println("not one");
                            return false;
                        }
                        return that.size() == items.size(); // expect: LockOrderInversion
                    }
                    public int hashCode() { return 1; }
                }
                """);
        one("condneg", "CondNegated", """
                import java.util.*;
                class CondNegated {
                    private final List<Object> items = new ArrayList<>();
                    synchronized int size() { return items.size(); }
                    public synchronized boolean containsAll(Object o) {
                        return !(o instanceof CondNegated that) ? false : that.size() <= items.size(); // expect: LockOrderInversion
                    }
                    public synchronized boolean equals(Object o) {
                        return !(o instanceof CondNegated that) || that.size() == items.size(); // expect: LockOrderInversion
                    }
                    public int hashCode() { return 1; }
                }
                """);
    }

    /**
     * New shape, HIGH at 26f6fda and 88f0e1a, no deadlock: the private helper is only ever called with
     * both monitors already taken in key order (the LOCAL monitor of the caller's parameter is not
     * looked at by gatedByEveryCaller; the in-method analogue NestedReentry is silent).
     */
    @Test
    void wrongHighPrivateHelperCalledUnderTheOrdering() {
        one("helper", "PrivateHelperUnderOrdering", """
                class PrivateHelperUnderOrdering {
                    final long id = System.nanoTime();
                    long x;
                    void merge(PrivateHelperUnderOrdering other) {
                        if (id < other.id) {
                            synchronized (this) { synchronized (other) { doMerge(other); } }
                        } else {
                            synchronized (other) { synchronized (this) { doMerge(other); } }
                        }
                    }
                    private synchronized void doMerge(PrivateHelperUnderOrdering other) {
                        if (x < other.x) {
                            synchronized (this) { synchronized (other) { other.hashCode(); } } // expect-low: LockOrderInversion
                        } else {
                            synchronized (other) { synchronized (this) { other.hashCode(); } }
                        }
                    }
                }
                """);
    }

    /** New shape, HIGH at both: a private method called only from a constructor (this is not yet shared). */
    @Test
    void wrongHighOnlyFromTheConstructor() {
        one("ctor", "ConstructorOnly", """
                class ConstructorOnly {
                    final long id = System.nanoTime();
                    ConstructorOnly(ConstructorOnly from) { copy(from); }
                    private synchronized void copy(ConstructorOnly other) {
                        if (id < other.id) {
                            synchronized (this) { synchronized (other) { other.hashCode(); } }
                        } else {
                            synchronized (other) { synchronized (this) { other.hashCode(); } }
                        }
                    }
                }
                """);
    }
}
