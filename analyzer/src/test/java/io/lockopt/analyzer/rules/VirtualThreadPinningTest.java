package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VirtualThreadPinningTest {
    private static final String SOURCE = """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;

            class Feed {
                private final Object monitor = new Object();
                private final Lock lock = new ReentrantLock();
                private final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();
                private boolean ready;

                synchronized String next() throws InterruptedException {
                    return ticks.take(); // expect: VirtualThreadPinning JDK 21
                }

                void await() throws InterruptedException {
                    synchronized (monitor) {
                        while (!ready) {
                            monitor.wait(); // expect: VirtualThreadPinning
                        }
                    }
                }

                void withLock() throws InterruptedException {
                    lock.lock();
                    try {
                        Thread.sleep(5);
                    } finally {
                        lock.unlock();
                    }
                }

                void outside() throws InterruptedException {
                    Thread.sleep(5);
                    synchronized (monitor) {
                        ready = true;
                    }
                }
            }
            """;

    @Test
    void positiveOnJdk21To23() {
        RuleTester.of(new VirtualThreadPinning()).targetJdk(21).check(SOURCE);
        RuleTester.of(new VirtualThreadPinning()).targetJdk(23).check(SOURCE.replace("JDK 21", "JDK 23"));
    }

    @Test
    void silentBefore21AndFrom24() {
        for (int jdk : new int[] {17, 20, 24, 25}) {
            assertThat(RuleTester.of(new VirtualThreadPinning()).targetJdk(jdk).findings("Feed.java", SOURCE))
                    .as("target JDK %d", jdk).isEmpty();
        }
    }
}
