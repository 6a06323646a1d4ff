package io.lockopt.samples.demo;

import picocli.CommandLine;

/** Runs the demo from the samples jar: {@code java -jar lockopt-samples.jar --duration 10s}. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new DemoCommand()).setCommandName("lockopt-demo")
                .setParameterExceptionHandler((ex, rest) -> {
                    // Same style as the lockopt CLI: one line plus a hint, exit 2.
                    ex.getCommandLine().getErr().println("lockopt-demo: " + ex.getMessage());
                    ex.getCommandLine().getErr().println("Try 'lockopt-demo --help' for more information.");
                    return 2;
                });
        System.exit(cmd.execute(args));
    }
}
