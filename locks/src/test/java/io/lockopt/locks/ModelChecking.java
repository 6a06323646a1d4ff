package io.lockopt.locks;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/** The Lincheck model-checking options every concurrency test of this module starts from. */
final class ModelChecking {
    /**
     * Wall-clock limit of one invocation (one scenario under one schedule), after which Lincheck
     * calls the execution hung. The model checker finds a deadlock by itself (a schedule in which no
     * thread can move), so this limit only catches code that runs on without end; Lincheck's 30 s
     * default was outlasted by correct code on a busy 2-core machine, where the first invocations
     * also instrument JDK classes (`KeyedLocksLincheckTest`, "The execution has hung" with the
     * running thread inside the statistics' counters, at load 20 and more). Set through Lincheck
     * 3.7's internal {@code invocationTimeout}, its only way.
     */
    static final long INVOCATION_TIMEOUT_MS = 180_000;

    private ModelChecking() {
    }

    static ModelCheckingOptions options() {
        return new ModelCheckingOptions().invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS);
    }
}
