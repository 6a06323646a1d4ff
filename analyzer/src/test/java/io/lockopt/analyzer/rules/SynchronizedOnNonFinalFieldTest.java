package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Reporter;

class SynchronizedOnNonFinalFieldTest {
    private final RuleTester tester = RuleTester.of(new SynchronizedOnNonFinalField());

    @Test
    void positive() {
        var findings = tester.check("""
                package io.acme;

                class Book {
                    private Object lock = Optional.empty();
                    static Object shared = new Object();
                    private volatile Object guard = new Object();

                    void reset() {
                        guard = new Object();
                    }

                    void run() {
                        synchronized (lock) { // expect: SynchronizedOnNonFinalField Book.lock
                            lock = new Object();
                        }
                        synchronized (this.lock) { // one finding per field: a related location of the one above
                        }
                        synchronized (shared) { // expect-low: SynchronizedOnNonFinalField
                        }
                        synchronized (guard) { // expect-low: SynchronizedOnNonFinalField
                        }
                    }
                }
                """);
        assertThat(findings.get(0).properties()).containsEntry("lock", "io.acme.Book.lock");
        assertThat(findings.get(0).message()).contains("(2 blocks in this file)");
        assertThat(findings.get(0).related()).extracting(Reporter.RelatedLocation::message)
                .containsExactly("synchronizes on it here too");
    }

    @Test
    void ignoresLocalsAndFinalFields() {
        tester.check("""
                class Book {
                    private final Object lock = new Object();
                    private Object notALock;

                    void run(Object parameter) {
                        Object local = new Object();
                        synchronized (local) {
                        }
                        synchronized (parameter) {
                        }
                        synchronized (lock) {
                        }
                        synchronized (this) {
                        }
                        Object notALock = new Object();
                        synchronized (notALock) {
                        }
                    }
                }
                """);
    }

    @Test
    void ignoresPrivateFieldsOnlyAssignedDuringConstruction() {
        tester.check("""
                class Timer {
                    private Object queue;
                    private Object swapped = Optional.empty();
                    Object visible = new Object();

                    Timer(Object queue) {
                        this.queue = queue;
                    }

                    void run() {
                        synchronized (queue) {
                        }
                        synchronized (visible) { // expect-low: SynchronizedOnNonFinalField
                        }
                        synchronized (swapped) { // expect: SynchronizedOnNonFinalField
                            swapped = new Object();
                        }
                    }
                }
                """);
    }

    /** Set once by a start-up method or by deserialization: most likely effectively final. */
    @Test
    void startUpAndDeserializationAssignmentsAreLowConfidenceOrSilent() {
        tester.check("""
                class Learner {
                    private Object leaderOs = new Object();
                    private Object lock = new Object();
                    private Object state = new Object();
                    void connectToLeader() { leaderOs = new Object(); }
                    private void readObject(java.io.ObjectInputStream in) { lock = new Object(); }
                    void swap() { state = new Object(); }
                    void close() { leaderOs = null; }
                    void write() {
                        synchronized (leaderOs) { } // expect-low: SynchronizedOnNonFinalField
                        synchronized (lock) { }
                        synchronized (state) { } // expect-low: SynchronizedOnNonFinalField
                    }
                }
                """);
    }

    /** HBase's master: the balancer is set in a start-up step, and again only by a test hook. */
    @Test
    void assignmentsInTestOnlyHooksDoNotCount() {
        tester.check("""
                class Master {
                    private Object balancer = new Object();
                    private Object chore = Optional.empty();
                    void initializeTrackers() { balancer = new Object(); chore = new Object(); }
                    @com.google.common.annotations.VisibleForTesting
                    void setBalancer(Object b) { balancer = b; }
                    void setChoreForTesting(Object c) { chore = c; }
                    void replaceChore(Object c) { chore = c; }
                    void balance() {
                        synchronized (balancer) { } // expect-low: SynchronizedOnNonFinalField
                        synchronized (chore) { } // expect: SynchronizedOnNonFinalField
                    }
                }
                """);
    }

    /** mysql-connector-j's load balancer: the map is swapped and locked only under the proxy's own lock. */
    @Test
    void aMonitorNestedInTheLockEveryReassignmentHoldsIsNotReported() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Proxy {
                    private final Lock lock = new ReentrantLock();
                    private Map<String, Long> times = new HashMap<>();
                    private List<String> hosts = Collections.emptyList();
                    void invalidate(String host) {
                        lock.lock();
                        try {
                            synchronized (times) {
                                times.remove(host);
                            }
                            synchronized (hosts) { // expect: SynchronizedOnNonFinalField Proxy.hosts
                                hosts.remove(host);
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                    void addHost(String host) {
                        lock.lock();
                        try {
                            times = new HashMap<>(times);
                            hosts = new ArrayList<>(hosts);
                        } finally {
                            lock.unlock();
                        }
                    }
                    void removeHost(String host) {
                        lock.lock();
                        try {
                            times = new HashMap<>(times);
                        } finally {
                            lock.unlock();
                        }
                        hosts = new ArrayList<>(hosts);
                    }
                }
                """);
    }

    /** mysql-connector's proxy: the outer lock comes from getLock(), inherited from a class in another file. */
    @Test
    void anOuterLockFromAnInheritedGetterCoversTheReassignments() {
        tester.checkFiles(java.util.Map.of("q/Proxy.java", """
                package q;
                import java.util.concurrent.locks.ReentrantLock;
                class Proxy {
                    private final ReentrantLock lock = new ReentrantLock();
                    protected ReentrantLock getLock() { return lock; }
                }
                """, "q/Balancer.java", """
                package q;
                class Balancer extends Proxy {
                    private long[] times = new long[4];
                    private long[] other = new long[4];
                    void reset(int i) {
                        getLock().lock();
                        try {
                            synchronized (times) {
                                times[i] = 0;
                            }
                        } finally {
                            getLock().unlock();
                        }
                        synchronized (other) { // expect-low: SynchronizedOnNonFinalField
                            other[i] = 0;
                        }
                    }
                    void addHost() {
                        getLock().lock();
                        try {
                            times = new long[times.length + 1];
                        } finally {
                            getLock().unlock();
                        }
                    }
                    void grow() {
                        other = new long[other.length + 1];
                    }
                }
                """));
    }
    /** geode's RegionMapDestroy: a per-call object whose fields point at the entries it locks in turn. */
    @Test
    void severalLockedFieldsOfOneDomainTypeAreEntityReferences() {
        tester.check("""
                package io.acme;

                import java.util.HashSet;
                import java.util.Set;

                class Entry { }

                class Destroy {
                    private Entry entry;
                    private Entry newEntry;
                    private Set<String> recipients = Collections.emptySet();
                    private Set<String> updates = Set.of();

                    void destroy(Entry found, Entry created) {
                        entry = found;
                        synchronized (entry) { // expect-low: SynchronizedOnNonFinalField
                            entry = created;
                        }
                        newEntry = created;
                        synchronized (newEntry) { // expect-low: SynchronizedOnNonFinalField
                            newEntry = found;
                        }
                    }

                    void recompute() {
                        synchronized (recipients) { // expect: SynchronizedOnNonFinalField
                            recipients = new HashSet<>(recipients);
                        }
                        synchronized (updates) { // expect: SynchronizedOnNonFinalField
                            updates = new HashSet<>(updates);
                        }
                    }
                }
                """);
    }

    /**
     * A swap of a lock field is mostly a start-up, reload or copy-on-write step that rarely meets a
     * concurrent holder: low. A field that holds a JVM-wide shared object (geode's advisor starts
     * its recipient set as Collections.emptySet()) makes every instance lock the same object: high.
     */
    @Test
    void aSwapIsLowUnlessTheFieldHoldsAJvmWideObject() {
        tester.check("""
                import java.util.ArrayList;
                import java.util.Collections;
                import java.util.List;
                class Advisor {
                    private List<String> members = new ArrayList<>();
                    private List<String> recipients = Collections.emptyList();
                    void reload() {
                        synchronized (members) { // expect-low: SynchronizedOnNonFinalField
                            members = new ArrayList<>(members);
                        }
                    }
                    List<String> recipients() {
                        synchronized (recipients) { // expect: SynchronizedOnNonFinalField one object the whole JVM shares
                            recipients = new ArrayList<>(recipients);
                            return recipients;
                        }
                    }
                }
                """);
    }
}
