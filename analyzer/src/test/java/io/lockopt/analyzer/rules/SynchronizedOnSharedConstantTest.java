package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class SynchronizedOnSharedConstantTest {
    private final RuleTester tester = RuleTester.of(new SynchronizedOnSharedConstant());

    @Test
    void positive() {
        tester.check("""
                import java.util.Collections;

                class Registry {
                    private static final String LOCK = "registry";
                    private final Boolean flag = Boolean.FALSE;
                    private final Integer count = 0;
                    private final String name = "x".intern();

                    void run() {
                        synchronized ("literal") { // expect: SynchronizedOnSharedConstant a literal
                        }
                        synchronized (LOCK) { // expect: SynchronizedOnSharedConstant Registry.LOCK
                        }
                        synchronized (flag) { // expect: SynchronizedOnSharedConstant
                        }
                        synchronized (count) { // expect: SynchronizedOnSharedConstant
                        }
                        synchronized (name) { // expect: SynchronizedOnSharedConstant
                        }
                        synchronized (Boolean.TRUE) { // expect: SynchronizedOnSharedConstant JDK constant
                        }
                        synchronized (Collections.EMPTY_LIST) { // expect: SynchronizedOnSharedConstant
                        }
                        synchronized (String.class) { // expect: SynchronizedOnSharedConstant class literal
                        }
                        synchronized (Integer.valueOf(1)) { // expect: SynchronizedOnSharedConstant
                        }
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                class Registry {
                    private static final Object LOCK = new Object();
                    private final Object lock = new Object();
                    private final String unique = new String("x");
                    private final Integer boxed = Integer.valueOf(0);
                    private static final Holder HOLDER = new Holder();

                    void run(String argument) {
                        synchronized (LOCK) {
                        }
                        synchronized (lock) {
                        }
                        synchronized (unique) {
                        }
                        synchronized (this) {
                        }
                        synchronized (Registry.class) {
                        }
                        synchronized (HOLDER) {
                        }
                        synchronized (Holder.INSTANCE) {
                        }
                    }

                    static final class Holder {
                        static final Holder INSTANCE = new Holder();
                    }
                }
                """);
    }

    @Test
    void ignoresOwnClassLiteralsInJdkPackages() {
        tester.check("""
                package java.io;

                class DeleteOnExitHook {
                    static void add() {
                        synchronized (DeleteOnExitHook.class) {
                        }
                        synchronized (Object.class) { // expect: SynchronizedOnSharedConstant
                        }
                    }
                }
                """);
    }
}
