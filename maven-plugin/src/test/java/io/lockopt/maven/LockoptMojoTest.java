package io.lockopt.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** The parameter parsing the integration tests (src/it) do not reach; the goals themselves run there. */
class LockoptMojoTest {
    @Test
    void jdkVersionsInBothSpellings() throws MojoExecutionException {
        assertThat(LockoptMojo.jdk("17", "targetJdk")).contains(17);
        assertThat(LockoptMojo.jdk(" 21 ", "targetJdk")).contains(21);
        assertThat(LockoptMojo.jdk("1.8", "maven.compiler.target")).contains(8);
        assertThat(LockoptMojo.jdk(null, "targetJdk")).isEmpty();
        assertThat(LockoptMojo.jdk(" ", "targetJdk")).isEmpty();
    }

    /** As the CLI's --target-jdk: no rule speaks of a JDK before 8, so naming one is a mistake, said in one line. */
    @Test
    void aTargetJdkBeforeEightIsRefused() throws MojoExecutionException {
        assertThat(LockoptMojo.targetJdk("1.8")).contains(8);
        assertThatThrownBy(() -> LockoptMojo.targetJdk("1.7"))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("lockopt: targetJdk must be a JDK feature release such as 17 or 21 (at least 8), got 1.7");
    }

    @Test
    void aJdkThatIsNoVersionNamesTheParameter() {
        assertThatThrownBy(() -> LockoptMojo.jdk("${java.version}", "maven.compiler.release"))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("lockopt: maven.compiler.release must be a JDK version such as 17 or 1.8, "
                        + "got '${java.version}'");
    }
}
