package io.lockopt.cli.profile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.lockopt.cli.CheckedStandardOutput;
import io.lockopt.cli.ExitCodes;
import io.lockopt.cli.ReportFileOptions;
import io.lockopt.profile.ProfileMerge;
import io.lockopt.profile.ProfileReport;
import io.lockopt.profile.ReportFiles;
import io.lockopt.profile.ReportText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockopt profile merge}: one report of several profiles' JSON reports (a fleet). */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Merge the --json reports of several profiles (the instances of a service, or one JVM at several "
                + "times) into one: per lock label, counts and totals added and the wait and hold histograms "
                + "merged (true percentiles of all acquisitions, not averages of percentiles), each lock's "
                + "instances kept per profile. A merged report can be merged again.",
        },
        footer = {"", "Example: lockopt profile merge a.json b.json c.json --json all.json --html all.html",
            "", "Exit codes: 0 merged, 2 a file is missing or not a lockopt profile report, 3 internal error."})
final class ProfileMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT.json", arity = "2..*", description = "Reports written by lockopt profile --json, each once (the same file twice, by any path, is refused).")
    List<Path> reports = new ArrayList<>();

    @Mixin
    ReportFileOptions reportFiles;

    @Mixin
    TopLocksOption topLocks;

    @Override
    public Integer call() throws IOException {
        int top = topLocks.count();
        reportFiles.apart(List.of()).readsEachOnce(null, reports).check();
        List<ProfileMerge.Input> inputs = new ArrayList<>();
        for (Path file : reports) {
            inputs.add(new ProfileMerge.Input(file.toString(), ReportFiles.read(file)));
        }
        ProfileReport merged = ProfileMerge.merge(inputs);
        PrintWriter out = spec.commandLine().getOut();
        ReportText.finalReport(reportFiles.textOut(spec.commandLine()), merged, top);
        // A report lost on stdout (a full disk) ends the merge in one line: no file written, no "wrote".
        ReportFiles.write(merged, reportFiles.json(), reportFiles.html(), out, spec.commandLine().getErr(),
                () -> CheckedStandardOutput.requireWritten(out));
        return ExitCodes.OK;
    }
}
