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
                                instances--;
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
    /**
     * obkv's AbstractPayload: the block only fills this object's own cache; one object always locks
     * the same Class, so its field is guarded alike for every caller: low. Writing another
     * object's field or a static one under it stays high.
     */
    @Test
    void aBlockThatWritesOnlyItsOwnInstanceFieldsIsLow() {
        tester.check("""
                abstract class Payload {
                    private static byte[] shared;
                    private volatile byte[] cached;

                    byte[] encodeDefault() {
                        if (cached == null) {
                            synchronized (getClass()) { // expect-low: SynchronizedOnGetClass
                                if (cached == null) {
                                    cached = encode();
                                }
                            }
                        }
                        return cached;
                    }

                    byte[] encodeShared() {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            if (shared == null) {
                                shared = encode();
                            }
                        }
                        return shared;
                    }

                    private static final java.text.DecimalFormat FORMAT = new java.text.DecimalFormat("00000");
                    private static final String PREFIX = "p-";
                    private String name;

                    void rename(int serial) {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            name = FORMAT.format(serial);
                        }
                    }

                    void prefix() {
                        synchronized (getClass()) { // expect-low: SynchronizedOnGetClass
                            name = PREFIX + name;
                        }
                    }

                    private static int loaded;
                    private static void countLoad() { loaded++; }
                    void load() {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            countLoad();
                        }
                    }

                    int active;
                    abstract class Worker {
                        void begin() {
                            synchronized (getClass()) { // expect: SynchronizedOnGetClass
                                active++;
                            }
                        }
                    }

                    int sharedSize() {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            return shared == null ? 0 : shared.length;
                        }
                    }

                    void copyTo(Payload other) {
                        synchronized (getClass()) { // expect: SynchronizedOnGetClass
                            other.cached = cached;
                        }
                    }

                    abstract byte[] encode();
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
