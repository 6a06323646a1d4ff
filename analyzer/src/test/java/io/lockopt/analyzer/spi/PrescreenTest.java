package io.lockopt.analyzer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PrescreenTest {
    @Test
    void concurrencyAcceptsMonitorsLocksAndVolatiles() {
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { synchronized void f() {} }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { volatile int x; }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import java.util.concurrent.locks.ReentrantLock;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import java.util.concurrent.locks.*;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("import io.lockopt.locks.KeyedLocks;")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() throws Exception { wait(); }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() { other.notifyAll(); }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("void f() { notify(); }")).isTrue();
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
    void anyOfAndAll() {
        assertThat(Prescreen.anyOf(List.of("foo", "bar")).mayMatter("a bar")).isTrue();
        assertThat(Prescreen.anyOf(List.of("foo", "bar")).mayMatter("baz")).isFalse();
        assertThat(Prescreen.ALL.mayMatter("")).isTrue();
    }
}
