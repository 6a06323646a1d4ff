package io.lockopt.analyzer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PrescreenTest {
    @Test
    void concurrencyAcceptsMonitorsLocksAndVolatiles() {
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { synchronized void f() {} }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { volatile int x; void f() { x++; } }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import java.util.concurrent.locks.ReentrantLock;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import java.util.concurrent.locks.*;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import io.lockopt.locks.KeyedLocks;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() throws Exception { wait(); }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() { other.notifyAll(); }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() { notify(); }")).isTrue();
    }

    /** A subclass locking a lock field its superclass (in another file) declares names no lock type. */
    @Test
    void concurrencyAcceptsLockCallsOnAnUnnamedType() {
        assertThat(Prescreen.CONCURRENCY.mayMatter("class B extends A { void f() { lock.lock(); } }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class B extends A { void f() { if (lock.tryLock(1, S)) {} } }"))
                .isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class B extends A { void f() { rw.writeLock().lockInterruptibly(); } }"))
                .isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class B { void f() { clock(); unlocked(); } }")).isFalse();
    }

    @Test
    void concurrencySkipsCodeThatCannotHoldALock() {
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { int f() { return 1; } }")).isFalse();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import java.util.concurrent.CountDownLatch;\n"
                + "class A { void f(CountDownLatch l) throws Exception { l.await(); } }")).isFalse();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { void f() { notifyListeners(); } }")).isFalse();
        assertThat(Prescreen.CONCURRENCY.mayMatter("")).isFalse();
    }

    @Test
    void volatileFieldsMatterOnlyWhenTheTextMayUpdateThemByReading() {
        String fields = "class A { private volatile long hits = 0, misses; volatile java.util.Map<String, Integer> map; ";
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { hits = 1; map = null; } }")).isFalse();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { if (hits == misses) return; } }")).isFalse();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { hits++; } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { --this.misses; } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f(A o) { ++o.misses; } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { misses += 2; } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { hits = 1 + (hits); } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile(fields + "void f() { this.hits <<= 1; } }")).isTrue();
        assertThat(Prescreen.mayUpdateVolatile("class A { int x; void f() { x++; } }")).isFalse();
        assertThat(Prescreen.CONCURRENCY.mayMatter(fields + "void f() { hits = 1; } }")).isFalse();
    }

    @Test
    void anyOfAndAll() {
        assertThat(Prescreen.anyOf(List.of("foo", "bar")).mayMatter("a bar")).isTrue();
        assertThat(Prescreen.anyOf(List.of("foo", "bar")).mayMatter("baz")).isFalse();
        assertThat(Prescreen.ALL.mayMatter("")).isTrue();
    }
}
