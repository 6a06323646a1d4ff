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

    @Test
    void aJdkThatIsNoVersionNamesTheParameter() {
        assertThatThrownBy(() -> LockoptMojo.jdk("${java.version}", "maven.compiler.release"))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("lockopt: maven.compiler.release must be a JDK version such as 17 or 1.8, "
                        + "got '${java.version}'");
    }
}
