package io.lockopt.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code lockopt:analyze}: analyzes this module's Java sources and reports the findings (log
 * lines and {@code formats}) without failing the build on them.
 */
@Mojo(name = "analyze", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class AnalyzeMojo extends LockoptMojo {
    @Override
    boolean failsOnFindings() {
        return false;
    }
}
