package io.lockopt.analyzer.engine.changes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lockopt.analyzer.engine.AnalysisInputException;

/**
 * The lines added or changed in a git work tree since a revision ({@code lockopt analyze
 * --changed-since REF}, the Maven plugin's {@code changedSince}): the new side of {@code git diff REF} (committed and uncommitted changes,
 * renames followed), plus every line of untracked files that git does not ignore. Deleted lines
 * leave nothing behind to report on.
 */
public final class ChangedLines {
    private static final Pattern NEW_FILE = Pattern.compile("^\\+\\+\\+ (?:b/(.*)|/dev/null)$");
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*");

    private final Path top;
    private final Map<Path, BitSet> changed;
    private final Set<Path> wholeFiles;

    private ChangedLines(Path top, Map<Path, BitSet> changed, Set<Path> wholeFiles) {
        this.top = top;
        this.changed = changed;
        this.wholeFiles = wholeFiles;
    }

    /**
     * The lines changed since {@code ref} in the work tree that holds {@code directory}.
     *
     * @throws AnalysisInputException when {@code directory} is not in a git work tree, git is not
     *         installed, or {@code ref} names no commit; the message leaves the option's name to the
     *         caller
     */
    public static ChangedLines since(Path directory, String ref) {
        Path dir = Files.isDirectory(directory) ? directory : directory.toAbsolutePath().getParent();
        if (ref == null || ref.isBlank() || ref.startsWith("-")) {
            throw new AnalysisInputException("needs a git revision (a branch, tag or commit), got '"
                    + ref + "'");
        }
        Git.Output inside = Git.run(dir, "rev-parse", "--show-toplevel");
        if (inside.exitCode() != 0) {
            // git says why: most often not a work tree, but also a repository owned by another user
            // ("dubious ownership", common in CI containers), which wants safe.directory, not another path.
            String said = inside.stderr().strip().lines().findFirst().orElse("");
            throw new AnalysisInputException(said.contains("dubious ownership")
                    ? dir + " is in a git repository owned by another user (git: " + said.replaceFirst("^fatal: ", "")
                            + "); add it to git's safe.directory"
                    : dir + " is not inside a git work tree");
        }
        Path top = Path.of(inside.stdout().strip());
        if (Git.run(top, "rev-parse", "--verify", "--quiet", ref + "^{commit}").exitCode() != 0) {
            throw new AnalysisInputException("unknown git revision '" + ref + "' in " + top);
        }
        Git.Output diff = Git.run(top, "-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff",
                "--unified=0", "-M", ref, "--");
        Git.Output untracked = Git.run(top, "-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard");
        if (diff.exitCode() != 0 || untracked.exitCode() != 0) {
            throw new AnalysisInputException("git diff " + ref + " failed in " + top + ": "
                    + (diff.stderr() + untracked.stderr()).strip());
        }
        Set<Path> wholeFiles = new HashSet<>();
        untracked.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> wholeFiles.add(Path.of(l)));
        return new ChangedLines(realPath(top), parse(diff.stdout()), wholeFiles);
    }

    /** The new-side line ranges of each file in a {@code git diff --unified=0}. */
    static Map<Path, BitSet> parse(String diff) {
        Map<Path, BitSet> changed = new HashMap<>();
        BitSet current = null;
        for (String line : diff.split("\n", -1)) {
            Matcher file = NEW_FILE.matcher(line);
            if (file.matches()) {
                current = file.group(1) == null ? null : changed.computeIfAbsent(Path.of(file.group(1)), p -> new BitSet());
                continue;
            }
            Matcher hunk = HUNK.matcher(line);
            if (hunk.matches() && current != null) {
                int start = Integer.parseInt(hunk.group(1));
                int count = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
                current.set(start, start + count);
            }
        }
        return changed;
    }

    /** Whether line {@code line} (1-based) of {@code file} was added or changed. */
    public boolean contains(Path file, int line) {
        Path absolute = realPath(file.toAbsolutePath().normalize());
        if (!absolute.startsWith(top)) {
            return false;
        }
        Path relative = top.relativize(absolute);
        if (wholeFiles.contains(relative)) {
            return true;
        }
        BitSet lines = changed.get(relative);
        return lines != null && lines.get(line);
    }

    /** {@code path} with symbolic links resolved where it exists (/tmp may be a link). */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Runs git and collects what it prints. */
    private static final class Git {
        record Output(int exitCode, String stdout, String stderr) {
        }

        static Output run(Path directory, String... args) {
            List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).start();
                process.getOutputStream().close();
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
                String stdout = read(process.getInputStream());
                return new Output(process.waitFor(), stdout, stderr.get());
            } catch (IOException e) {
                throw new AnalysisInputException("needs git on the PATH: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalysisInputException("interrupted while running git", e);
            } catch (ExecutionException e) {
                throw new AnalysisInputException("cannot read git's output: " + e.getCause(), e);
            }
        }

        private static String read(InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
