package io.lockopt.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or {@code kill}: the JVM runs its shutdown hooks and exits with 128 plus the signal's
 * number (130, 143), as the shell reports. Without a word a user cannot tell an interrupted run
 * from one that failed silently, so one line on stderr says so, unless the command says it
 * itself ({@code bench} reports the variant runs that finished, {@code demo} its summary: Ctrl-C is
 * how a demo without {@code --duration} ends; {@code profile} the report of the time until then).
 * Nothing is half-written either way: every file lockopt writes is written whole or not at all.
 */
public final class Interruption {
    private static volatile boolean finished;
    private static volatile boolean toldByTheCommand;
    private static final CountDownLatch ENDED = new CountDownLatch(1);

    private Interruption() {
    }

    /** From now on an interrupt is said on stderr; once per JVM, from {@link Main}. */
    static void watch() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished && !toldByTheCommand) {
                System.err.println("lockopt: interrupted");
                System.err.flush();
            }
        }, "lockopt-interrupted"));
    }

    /** The command line ran to its end: the shutdown that follows is the normal exit. */
    static void finished() {
        finished = true;
        ENDED.countDown();
    }

    /**
     * For a command whose own shutdown hook holds the exit while the command reports what an
     * interrupt ended ({@code profile}): waits until the command line has run to its end, its
     * errors printed, for at most {@code timeout}; true when it did.
     */
    public static boolean awaitFinished(Duration timeout) throws InterruptedException {
        return ENDED.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The running command says what an interrupt ended (called before it can happen). */
    public static void toldByTheCommand() {
        toldByTheCommand = true;
    }
}
