package io.lockopt.cli;

import java.util.concurrent.Callable;

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
        subcommands = {
            AnalyzeCommand.class,
            RulesCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            ProfileCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error,"
                + " 130/143 interrupted (Ctrl-C, SIGTERM)."
        })
final class LockoptCommand implements Callable<Integer> {
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
