package io.lockopt.analyzer.engine.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --exclude} and configuration globs, in the spirit of {@code .gitignore}: a glob without
 * a slash matches a file or directory name at any depth ({@code *Generated.java},
 * {@code generated}); a glob with a slash matches the path relative to the base directory or to
 * the scanned root ({@code src/gen/**}); a leading {@code **}{@code /} also matches at the top; a
 * trailing slash means everything below.
 */
public final class ExcludeGlobs {
    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<PathMatcher> pathMatchers = new ArrayList<>();

    public ExcludeGlobs(List<String> globs) {
        for (String raw : globs) {
            String glob = raw.strip().replace('\\', '/');
            if (glob.isEmpty()) {
                continue;
            }
            if (glob.endsWith("/")) {
                glob = glob + "**";
            }
            if (!glob.contains("/")) {
                nameMatchers.add(matcher(glob));
                continue;
            }
            if (glob.startsWith("/")) {
                glob = glob.substring(1);
            }
            pathMatchers.add(matcher(glob));
            if (glob.startsWith("**/")) {
                pathMatchers.add(matcher(glob.substring(3)));
            }
        }
    }

    private static PathMatcher matcher(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new io.lockopt.analyzer.engine.AnalysisInputException("bad exclude glob '" + glob + "': " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return nameMatchers.isEmpty() && pathMatchers.isEmpty();
    }

    /** True when a file with these forward-slash relative paths is excluded. */
    public boolean excludes(String basePath, String rootPath) {
        if (isEmpty()) {
            return false;
        }
        for (String candidate : new String[] {basePath, rootPath}) {
            Path path = Path.of(candidate.replace("!/", "/"));
            for (PathMatcher matcher : pathMatchers) {
                if (matcher.matches(path)) {
                    return true;
                }
            }
            for (Path name : path) {
                for (PathMatcher matcher : nameMatchers) {
                    if (matcher.matches(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
