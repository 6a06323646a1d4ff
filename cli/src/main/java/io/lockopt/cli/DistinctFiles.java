package io.lockopt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lockopt.files.InputFile;
import io.lockopt.files.OutputTarget;

/**
 * The files one command writes and reads, told apart before any work starts: two outputs at one
 * place, or an output over a file the command reads or a source it analyzes, is work lost, and an
 * input added up twice (a report merged with itself) is a wrong result. The one check (and wording)
 * of analyze's files and of the report options of bench, profile and merge. Paths are compared as
 * {@link InputFile#identity}, so a link or another spelling is the same file.
 */
public final class DistinctFiles {
    /** What writes where; {@code named} is how messages name it ("--json a.json", "the report (no --output)"). */
    private record Output(String option, OutputTarget target, String named) {
        Output(String option, OutputTarget target) {
            this(option, target, option + " " + target);
        }
    }

    /** A file read: what the message calls it, and the one output allowed to replace it (or null). */
    private record Input(String description, String rewrittenBy) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private final Map<Path, Input> inputs = new LinkedHashMap<>();
    private final List<Path> sourceRoots = new ArrayList<>();

    /** {@code target} is written by {@code option}; null (not given) is left out. */
    DistinctFiles writes(String option, OutputTarget target) {
        if (target != null) {
            outputs.add(new Output(option, target));
        }
        return this;
    }

    /**
     * Standard output is written without an option naming it (analyze's report without {@code
     * --output}): {@code description} names it in messages.
     */
    DistinctFiles writesStandardOutput(String description) {
        try {
            outputs.add(new Output(description, OutputTarget.parse(OutputTarget.STANDARD_OUTPUT), description));
        } catch (OutputTarget.UnusableException e) {
            throw new IllegalStateException("standard output is always usable", e);
        }
        return this;
    }

    /** {@code file} is read; {@code description} completes "--output FILE is ...". Null is left out. */
    DistinctFiles reads(String description, Path file) {
        return reads(description, file, null);
    }

    /**
     * {@code file} is read, and {@code rewrittenBy} may write it anew: {@code --baseline b.json
     * --write-baseline b.json} is the usual refresh of a baseline.
     */
    DistinctFiles reads(String description, Path file, String rewrittenBy) {
        if (file != null) {
            inputs.putIfAbsent(InputFile.identity(file), new Input(description, rewrittenBy));
        }
        return this;
    }

    /**
     * {@code files} are read and added up ({@code --profile}s, the reports a merge merges), so each
     * may be given once: one file twice, by another spelling or through a link, would count twice.
     * {@code option} names them in messages (null for parameters).
     */
    public DistinctFiles readsEachOnce(String option, List<Path> files) {
        Map<Path, Path> given = new LinkedHashMap<>();
        for (Path file : files) {
            Path earlier = given.putIfAbsent(InputFile.identity(file), file);
            if (earlier != null) {
                String prefix = option == null ? "" : option + " ";
                throw new UserInputException(prefix + earlier + " and " + prefix + file
                        + " are the same file, which would count twice; give it once");
            }
            reads(option == null ? "a file this command reads" : "a file " + option + " reads", file);
        }
        return this;
    }

    /** Sources under {@code roots} are analyzed: an output may not replace a {@code .java}, {@code .jar} or {@code .zip} there. */
    DistinctFiles analyzes(List<Path> roots) {
        roots.forEach(root -> sourceRoots.add(InputFile.identity(root)));
        return this;
    }

    /** Throws {@link UserInputException} at the first clash: one line, exit 2. */
    public void check() throws IOException {
        Map<Path, Output> written = new LinkedHashMap<>();
        Output onStandardOutput = null;
        for (Output output : outputs) {
            if (output.target().isStandardOutput()) {
                if (onStandardOutput != null) {
                    throw samePlace(onStandardOutput, output, "standard output");
                }
                onStandardOutput = output;
                continue;
            }
            Path file = InputFile.identity(output.target().finalPath());
            Output earlier = written.putIfAbsent(file, output);
            if (earlier != null) {
                throw samePlace(earlier, output, file.toString());
            }
            if (isSource(file)) {
                throw over(output, "a source this run analyzes");
            }
            Input input = inputs.get(file);
            if (input != null && !output.option().equals(input.rewrittenBy())) {
                throw over(output, input.description());
            }
        }
    }

    private boolean isSource(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".java") || name.endsWith(".jar") || name.endsWith(".zip")) && Files.isRegularFile(file)
                && sourceRoots.stream().anyMatch(file::startsWith);
    }

    private static UserInputException samePlace(Output first, Output second, String place) {
        return new UserInputException(first.named() + " and " + second.named()
                + " name the same place, " + place + "; give each its own");
    }

    private static UserInputException over(Output output, String description) {
        return new UserInputException(output.named() + " is " + description
                + "; give another path");
    }
}
