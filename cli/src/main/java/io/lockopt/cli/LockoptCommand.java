package io.lockopt.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.lockopt.cli.demo.DemoCommand;
import io.lockopt.cli.profile.ProfileCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code lockopt} command; each subcommand is its own {@code Callable<Integer>}. */
@Command(name = "lockopt",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Find, measure and fix lock contention in Java services.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error,"
                + " 130/143 interrupted (Ctrl-C, SIGTERM)."
        })
final class LockoptCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order {@code --help} lists them. Added by {@link #commandLine},
     * not by the annotation: picocli builds each one's model (reflection over every option) when it
     * is added, and a run needs one.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("analyze", AnalyzeCommand::new);
        all.put("rules", RulesCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("bench", BenchCommand::new);
        all.put("profile", ProfileCommand::new);
        all.put("completion", CompletionCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The command with the subcommand {@code first} names, when it names one that needs no other
     * ({@code help} and {@code completion} describe them all); otherwise (null, an option, a typo
     * picocli should answer with the names it knows) with every subcommand.
     */
    static CommandLine commandLine(String first) {
        CommandLine line = new CommandLine(new LockoptCommand());
        Supplier<Object> only = "help".equals(first) || "completion".equals(first) ? null : SUBCOMMANDS.get(first);
        if (only != null) {
            line.addSubcommand(only.get());
        } else {
            SUBCOMMANDS.values().forEach(subcommand -> line.addSubcommand(subcommand.get()));
        }
        return line;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        // No subcommand: show what there is to do.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
