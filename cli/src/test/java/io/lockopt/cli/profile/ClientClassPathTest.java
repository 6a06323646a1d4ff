package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The cli compiles and runs against the agent module's client artifact only: the agent's own
 * classes (call-site rewriting over the relocated Byte Buddy, the recorder, the bootstrap hooks)
 * cannot link outside the agent jar, so none of them may be on this class path, which holds the
 * cli's compile class path. Fails if a dependency brings the whole agent module back.
 */
class ClientClassPathTest {
    @Test
    void theAgentsOwnClassesAreNotOnTheClassPath() throws IOException {
        ClassLoader loader = ClientClassPathTest.class.getClassLoader();
        for (String agentSide : List.of("io/lockopt/agent/instrument/LockCallSiteRewriter.class",
                "io/lockopt/agent/instrument/LockInstrumentation.class", "io/lockopt/agent/recorder/LockRecorder.class",
                "io/lockopt/agent/bootstrap/LockHooks.class", "io/lockopt/agent/Agent.class",
                "io/lockopt/agent/jmx/LockMXBeans.class")) {
            assertThat(Collections.list(loader.getResources(agentSide))).as(agentSide).isEmpty();
        }
        assertThat(loader.getResource("io/lockopt/agent/client/ProfileClient.class")).isNotNull();
        assertThat(loader.getResource("io/lockopt/agent/wire/Snapshot.class")).isNotNull();
    }
}
