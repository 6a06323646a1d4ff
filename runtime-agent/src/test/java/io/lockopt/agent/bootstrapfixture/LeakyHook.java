package io.lockopt.agent.bootstrapfixture;

import io.lockopt.agent.recorder.LockRecorder;

/**
 * A deliberately bad bootstrap hook: it names an agent-side class, which code in the bootstrap
 * class loader cannot link. {@code BootstrapLinkageTest} must catch it.
 */
public final class LeakyHook {
    private LeakyHook() {
    }

    public static Object table(LockRecorder recorder) {
        return recorder;
    }
}
