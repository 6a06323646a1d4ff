package io.lockopt.maven;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * {@code lockopt:aggregate}: analyzes the Java sources of every module in the build together,
 * once, so that the project-wide rules (lock-order inversions, guards inferred from other
 * classes) see calls from one module into another; fails the build per {@code failOn}. Run it
 * from the top directory ({@code mvn verify lockopt:aggregate}) or bind it in the top pom with
 * {@code <inherited>false</inherited>}.
 */
@Mojo(name = "aggregate", aggregator = true, threadSafe = true)
public final class AggregateMojo extends LockoptMojo {
    @Override
    List<Path> sourceRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        for (MavenProject module : session.getProjects()) {
            roots.addAll(sourceRootsOf(module));
        }
        return List.copyOf(roots);
    }

    @Override
    boolean failsOnFindings() {
        return true;
    }
}
