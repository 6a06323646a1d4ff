package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class SynchronizedOnGetClassTest {
    private final RuleTester tester = RuleTester.of(new SynchronizedOnGetClass());

    @Test
    void positive() {
        tester.check("""
                abstract class Counter {
                    private static int instances;

                    Counter() {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass Counter.class
                            instances++;
                        }
                    }

                    void reset() {
                        synchronized (this.getClass()) { // expect: SynchronizedOnGetClass
                            instances = 0;
                        }
                    }

                    private static class Base {
                        void run() {
                            synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            }
                        }
                    }

                    private static final class Derived extends Base {
                    }
                }
                """);
    }

    @Test
    void ignoresClassesThatCannotBeSubclassed() {
        tester.check("""
                final class Counter {
                    void run(Object other) {
                        synchronized (getClass()) {
                        }
                        synchronized (other.getClass()) {
                        }
                    }

                    private static class Nested {
                        void run() {
                            synchronized (getClass()) {
                            }
                        }
                    }

                    enum Mode {
                        A;
                        void run() {
                            synchronized (getClass()) {
                            }
                        }
                    }

                    Runnable task() {
                        return new Runnable() {
                            public void run() {
                                synchronized (getClass()) {
                                }
                            }
                        };
                    }
                }
                """);
    }
    /** A concrete class nothing in the file extends may have no subclass at all (h2's MVTable): low. */
    @Test
    void aConcreteClassNothingHereExtendsIsLow() {
        tester.check("""
                public class Table {
                    void checkDeadlock() {
                        synchronized (getClass()) { // expect-low: SynchronizedOnGetClass
                        }
                    }
                }
                """);
    }
}
