package io.lockopt.cli.demo;

import io.lockopt.cli.DurationConverter;
import picocli.CommandLine;

/**
 * Runs the demo on its own: {@code java -jar cli/target/lockopt-demo.jar --duration 10s}, a jar of
 * this package, the duration grammar, samples, locks, picocli and HdrHistogram only.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        CommandLine cmd = DurationConverter.registerOn(new CommandLine(new DemoCommand())).setCommandName("lockopt-demo")
                .setParameterExceptionHandler((ex, rest) -> {
                    // Same style as the lockopt CLI: one line plus a hint, exit 2.
                    ex.getCommandLine().getErr().println("lockopt-demo: " + ex.getMessage());
                    ex.getCommandLine().getErr().println("Try 'lockopt-demo --help' for more information.");
                    return 2;
                });
        System.exit(cmd.execute(args));
    }
}
