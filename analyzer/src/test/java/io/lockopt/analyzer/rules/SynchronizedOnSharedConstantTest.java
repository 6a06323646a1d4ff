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
                        synchronized (String.class) { // expect-low: SynchronizedOnSharedConstant class literal
                        }
                        synchronized (Integer.valueOf(1)) { // expect: SynchronizedOnSharedConstant
                        }
                    }
                }
                """);
    }

    /**
     * Struts' SessionMap locks the session id interned at run time in every method: one lock per
     * session on purpose, low, one finding for the file; an interned literal or constant is an
     * explicit intern() too, low.
     */
    @Test
    void aStringInternedAtRunTimeIsALockPerKeyAndLow() {
        tester.check("""
                class SessionMap {
                    private static final String NAME = "session";
                    private final Object session = new Object();

                    void clear() {
                        synchronized (session.toString().intern()) { // expect-low: SynchronizedOnSharedConstant 2 blocks
                        }
                    }

                    void put() {
                        synchronized (session.toString().intern()) {
                        }
                        synchronized (NAME.intern()) { // expect-low: SynchronizedOnSharedConstant an interned string
                        }
                        synchronized ("x".intern()) { // expect-low: SynchronizedOnSharedConstant an interned string
                        }
                    }
                }
                """);
    }

    /** Felix's URL handlers lock URL.class in five places: one finding, the other blocks related. */
    @Test
    void oneFindingPerConstantAndFile() {
        var findings = tester.check("""
                class Handlers {
                    private static final String LOCK = "handlers";

                    void install() {
                        synchronized (LOCK) { // expect: SynchronizedOnSharedConstant 3 blocks in this file
                        }
                    }

                    void uninstall() {
                        synchronized (LOCK) {
                        }
                        synchronized (LOCK) {
                        }
                    }
                }
                """);
        org.assertj.core.api.Assertions.assertThat(findings.get(0).related()).hasSize(2);
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
                        synchronized (Object.class) { // expect-low: SynchronizedOnSharedConstant
                        }
                    }
                }
                """);
    }

    /**
     * A standard stream locked to keep an error report's lines together (aeron's default error
     * handler) is locked on purpose: low. The same stream locked around other work is low too: every
     * standard stream lock is (the one object every class loader sees, chosen for that).
     */
    @Test
    void aStandardStreamLockedToPrintIsLow() {
        tester.check("""
                class Handler {
                    static void report(Throwable t) {
                        synchronized (System.err) { // expect-low: SynchronizedOnSharedConstant System.err
                            System.err.println(System.currentTimeMillis() + " Exception:");
                            t.printStackTrace(System.err);
                        }
                    }
                }
                """);
        tester.check("""
                class Counter {
                    private static int count;
                    static void count() {
                        synchronized (System.out) { // expect-low: SynchronizedOnSharedConstant System.out
                            count++;
                            System.out.println(count);
                        }
                    }
                }
                """);
    }

    /**
     * FOP's exception prints its cause chain to System.err as one block: printStackTrace() calls and
     * ifs that only print are printing too, low, as is the same lock around other work.
     */
    @Test
    void systemErrAroundACauseChainThatOnlyPrintsIsLow() {
        tester.check("""
                class FopException extends Exception {
                    private Exception cause;
                    private int printed;
                    public void printStackTrace() {
                        synchronized (System.err) { // expect-low: SynchronizedOnSharedConstant
                            super.printStackTrace();
                            if (cause != null) {
                                System.err.println("---");
                                cause.printStackTrace();
                            }
                        }
                    }
                }
                class Counted extends Exception {
                    private int printed;
                    public void printStackTrace() {
                        synchronized (System.err) { // expect-low: SynchronizedOnSharedConstant
                            super.printStackTrace();
                            printed++;
                        }
                    }
                }
                """);
    }

    /**
     * openchemlib's IO.dumpStack (held-out sample 31): a local computed from the exception and a
     * {@code continue} that skips frames print nothing but take no lock either: low, as is a local
     * that calls a method of the program (every standard stream lock is low).
     */
    @Test
    void systemErrAroundLocalsAndSkippedLinesThatOnlyPrintIsLow() {
        tester.check("""
                class Dump {
                    static void dumpStack() {
                        Exception e = new Exception("StackTrace");
                        synchronized (System.err) { // expect-low: SynchronizedOnSharedConstant
                            StackTraceElement[] trace = e.getStackTrace();
                            System.err.println("Exception " + e.getMessage());
                            for (StackTraceElement element : trace) {
                                if (element.getClassName().contains("IOUtils")) continue;
                                System.err.println("\tat " + element);
                            }
                        }
                    }
                }
                class Report {
                    private String summary() { return "x"; }
                    void print() {
                        synchronized (System.err) { // expect-low: SynchronizedOnSharedConstant
                            String text = summary();
                            System.err.println(text);
                        }
                    }
                }
                class Verbose {
                    private java.util.Properties getProperties() { return new java.util.Properties(); }
                    void dump() {
                        synchronized (System.out) { // expect-low: SynchronizedOnSharedConstant
                            java.util.Properties p = getProperties();
                            System.out.println(p);
                        }
                    }
                }
                """);
    }

    /** LinkedIn d2's simulator prints a map inside the lock: loops and forEach lambdas that only print are printing, low. */
    @Test
    void systemOutAroundLoopsThatOnlyPrintIsLow() {
        tester.check("""
                import java.util.*;
                class Simulator {
                    void print(int id, Map<String, Integer> loads, List<String> names) {
                        synchronized (System.out) { // expect-low: SynchronizedOnSharedConstant
                            System.out.printf("Request #%d%n", id);
                            loads.forEach((k, v) -> System.out.printf("%s : %d\t", k, v));
                            for (String name : names) {
                                System.out.print(name);
                            }
                            for (int i = 0; i < 3; i++) System.out.println();
                        }
                    }
                }
                class Tally {
                    private final Map<String, Integer> seen = new HashMap<>();
                    void print(Map<String, Integer> loads) {
                        synchronized (System.out) { // expect-low: SynchronizedOnSharedConstant
                            loads.forEach((k, v) -> seen.merge(k, v, Integer::sum));
                            System.out.println(seen);
                        }
                    }
                }
                """);
    }

    /**
     * openam's {@code private static String REQUEST_ID_LOCK = "REQUEST_ID_LOCK"}: a static field is
     * one lock for the class as intended, and only code locking an equal string shares a literal
     * that distinctive: low. A short or one-word literal ({@code "lock"}, {@code "registry"} in the
     * tests above) meets other code's, and an instance field's literal makes every instance share
     * one monitor: high. A field initialised with {@code null} and assigned later is no constant.
     */
    @Test
    void aDistinctiveLiteralInAStaticFieldIsLowAndANullOneIsNoConstant() {
        tester.check("""
                class Cache {
                    private static String REQUEST_ID_LOCK = "REQUEST_ID_LOCK";
                    private static final String LOCK_FILE = "lock";
                    private final String rowLock = "row provider lock";
                    private String actionType = null;
                    private static int requests;
                    private int rows;
                    Cache(String type) { actionType = type; }
                    void nextRequest() {
                        synchronized (REQUEST_ID_LOCK) { // expect-low: SynchronizedOnSharedConstant
                            requests++;
                        }
                    }
                    void writeLockFile() {
                        synchronized (LOCK_FILE) { // expect: SynchronizedOnSharedConstant
                            requests--;
                        }
                    }
                    void nextRow() {
                        synchronized (rowLock) { // expect: SynchronizedOnSharedConstant
                            rows++;
                        }
                    }
                    void replay() {
                        synchronized (actionType) {
                            rows--;
                        }
                    }
                }
                """);
    }
}
