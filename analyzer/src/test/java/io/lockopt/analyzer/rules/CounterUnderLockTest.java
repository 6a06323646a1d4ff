package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterUnderLockTest {
    private final RuleTester tester = RuleTester.of(new CounterUnderLock());

    @Test
    void counters() {
        var findings = tester.check("""
                package io.acme;
                import java.util.concurrent.locks.ReentrantLock;
                class Stats {
                    private final ReentrantLock lock = new ReentrantLock();
                    private long hits;
                    private long bytes;
                    private int misses;
                    synchronized void hit() { hits++; } // expect-low: CounterUnderLock Stats.hits
                    synchronized long next() { return ++hits; } // expect-low: CounterUnderLock
                    void add(int size) {
                        synchronized (this) { // expect-low: CounterUnderLock
                            bytes += size;
                            this.bytes = bytes + 1;
                        }
                    }
                    void miss() {
                        lock.lock(); // expect-low: CounterUnderLock
                        try {
                            misses--;
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).contains("AtomicLong").contains("LongAdder"));
        assertThat(findings.get(3).properties()).containsEntry("lock", "io.acme.Stats.lock");
    }

    @Test
    void counterPlusSignalOrOtherEffectsAreSilent() {
        tester.check("""
                import java.util.concurrent.locks.Condition;
                import java.util.concurrent.locks.ReentrantLock;
                class Queue {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final Condition ready = lock.newCondition();
                    private long count;
                    private long last;
                    private final Object[] items = new Object[8];
                    void put() {
                        lock.lock();
                        try {
                            count++;
                            ready.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                    synchronized void conditional() { if (count < 10) count++; }
                    synchronized void other() { count++; last = System.nanoTime(); }
                    synchronized void computed() { count += items.length; }
                    synchronized void read() { long c = count; }
                    synchronized void two() { count++; last += 2; }
                }
                """);
    }
}
