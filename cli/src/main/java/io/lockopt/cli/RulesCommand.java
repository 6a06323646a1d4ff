package io.lockopt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.spi.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockopt rules}: what {@code analyze} checks, and why. */
@Command(name = "rules",
        description = {"List the rules of 'lockopt analyze', or print one rule's page.",
            "The list gives each rule's id, default severity and summary; a page (--explain) what the rule"
                + " flags, why, and a bad and a good example."})
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--explain", paramLabel = "RULE", description = "Print the page of RULE.")
    String explain;

    @Override
    public Integer call() {
        RuleRegistry registry = RuleRegistry.discover();
        PrintWriter out = spec.commandLine().getOut();
        if (explain != null) {
            Rule rule = registry.find(explain).orElseThrow(() -> new UserInputException(
                    "unknown rule '" + explain + "' (run 'lockopt rules' for the list)"));
            String page = RuleRegistry.page(rule).orElseGet(() -> "# " + rule.id() + "\n\n" + rule.info().summary() + "\n");
            out.print(page.endsWith("\n") ? page : page + "\n");
            out.flush();
            return ExitCodes.OK;
        }
        int width = registry.rules().stream().mapToInt(r -> r.id().length()).max().orElse(4);
        out.printf("%-" + width + "s  %-8s  %s%n", "RULE", "SEVERITY", "SUMMARY");
        for (Rule rule : registry.rules()) {
            out.printf("%-" + width + "s  %-8s  %s%n", rule.id(), rule.info().severity().label(), rule.info().summary());
        }
        out.println();
        out.println(registry.rules().size() + " rules; 'lockopt rules --explain RULE' prints a rule's page.");
        out.flush();
        return ExitCodes.OK;
    }
}
