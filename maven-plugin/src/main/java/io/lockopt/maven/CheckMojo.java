package io.lockopt.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code lockopt:check}: analyzes this module's Java sources and fails the build when a new
 * finding is at least as severe as {@code failOn}. Binds to {@code verify}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends LockoptMojo {
    @Override
    boolean failsOnFindings() {
        return true;
    }
}
