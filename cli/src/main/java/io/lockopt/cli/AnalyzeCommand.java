package io.lockopt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.EvidenceJoin;
import io.lockopt.advice.LockEvidence;
import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.AnalysisOptions;
import io.lockopt.analyzer.engine.AnalysisRequest;
import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Analyzer;
import io.lockopt.analyzer.engine.FailOn;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.ProgressListener;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.engine.changes.ChangedLines;
import io.lockopt.analyzer.engine.report.Measurements;
import io.lockopt.analyzer.engine.report.ReportFormat;
import io.lockopt.analyzer.engine.report.ReportOptions;
import io.lockopt.analyzer.engine.report.ToolInfo;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.files.OutputTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockopt analyze}: the static scan, built for CI. */
@Command(name = "analyze",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Scan Java sources for lock anti-patterns (see 'lockopt rules').",
            "PATH is a directory (walked for *.java, skipping target/, build/, .git/ and hidden directories),",
            "a .java file, or a sources .jar/.zip. Reported paths are relative to the working directory.",
            "Several PATHs are analyzed together: a lock cycle or call chain that crosses them is seen."
        },
        footer = {
            "",
            "Suppress a finding with @SuppressWarnings(\"lockopt:RuleId\") on the declaration or a",
            "'// lockopt:ignore RuleId reason' comment on its line or the line above.",
            "Exit codes: 0 no new findings at or above --fail-on, 1 such findings, 2 usage or input error",
            "(also: files that could not be analyzed, with --strict), 3 internal error (also: a rule failed,",
            "unless --keep-going)."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "What to scan (default: the current directory).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json, sarif or codeclimate (GitLab Code Quality) "
                    + "(default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--sarif-include-suppressed",
            description = "List findings suppressed in the source in SARIF too, marked with 'suppressions' "
                    + "(left out by default: GitHub code scanning ignores the mark and shows them as open alerts).")
    boolean sarifIncludeSuppressed;

    @Option(names = "--output", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "Write the report to FILE (a regular file whole or not at all; a device or pipe "
                    + "streamed; - for stdout) instead of stdout.")
    OutputTarget output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Exit 1 when a new finding is at least this severe: error, warning, note or never "
                    + "(default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--enable", paramLabel = "RULE", split = ",",
            description = "Run only these rules (comma-separated or repeated).")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not run these rules (comma-separated or repeated).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: lockopt.yml or .lockopt.yml in the first PATH).")
    Path config;

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Leave out matching files, e.g. '**/generated/**' or '*Test.java' (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Findings listed in FILE are reported as baselined and do not fail the build.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "Write every finding that is not suppressed to FILE as the new baseline.")
    OutputTarget writeBaseline;

    @Option(names = "--changed-since", paramLabel = "REF",
            description = "Report (and fail on) only findings whose primary location is on a line added or changed "
                    + "since the git revision REF (a branch, tag or commit; uncommitted changes and untracked files "
                    + "count); the whole project is still analyzed, so project-wide rules see every file.")
    String changedSince;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of processors).")
    Integer threads;

    @Option(names = "--target-jdk", paramLabel = "N",
            description = "The JDK the code runs on, 8 or later; selects JDK-dependent rules (default: 17, or targetJdk "
                    + "in the config). One newer than lockopt knows is taken as the newest it knows, with a warning.")
    Integer targetJdk;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "Encoding of the sources (default: ${DEFAULT-VALUE}; a UTF-8 BOM is tolerated).")
    String encoding;

    @Option(names = "--classpath-sources", paramLabel = "PATH", split = ",",
            description = "Sources (a directory or sources .jar) of the libraries the code calls, repeatable: "
                    + "analyzed for lock facts (call chains, lock cycles through them) but never reported on.")
    List<Path> classpathSources = new ArrayList<>();

    @Option(names = "--cache", paramLabel = "FILE",
            description = "Keep results in FILE between runs: files whose content is unchanged are not parsed again, "
                    + "and the project-wide rules run again only when a file they see changed; the findings are the "
                    + "same as without it. A damaged or foreign FILE is ignored with a warning and rebuilt; one that "
                    + "cannot be written is a warning.")
    Path cache;

    @Option(names = "--no-prescreen",
            description = "Parse every file, not only those that mention locks or monitors (slower; "
                    + "checks that a whole code base parses).")
    boolean noPrescreen;

    @Option(names = "--strict", description = "Files that cannot be read or parsed make the run fail (exit 2).")
    boolean strict;

    @Option(names = "--confidence", paramLabel = "LEVEL", converter = ConfidenceConverter.class,
            description = "Least confidence of the findings to report: high (default, or confidence in the config: "
                    + "findings worth fixing on real code) or low (also what is right about the code but often "
                    + "benign or by design: racy reads in getters, I/O under a lock, functional parameters called "
                    + "under a lock, style).")
    Confidence confidence;

    @Option(names = "--ignore-foreign-suppressions",
            description = "Report findings that other tools' suppressions of the same check hide "
                    + "(@SuppressWarnings(\"GuardedBy\"), @SuppressFBWarnings, //noinspection, //NOSONAR; "
                    + "see docs/suppressions.md).")
    boolean ignoreForeignSuppressions;

    @Option(names = "--keep-going",
            description = "When a rule fails (a lockopt bug), report it and exit as if it had not failed "
                    + "(default: the report is still written, and the exit code is 3).")
    boolean keepGoing;

    @Option(names = {"-q", "--quiet"}, description = "Print only findings: no summary, no progress.")
    boolean quiet;

    @Option(names = "--profile", paramLabel = "REPORT.json",
            description = "A lockopt profile --json report (repeatable, each file once: several JVMs' reports merge): findings on a "
                    + "measured lock gain its evidence and a rank from its cost and come first; read-mostly findings "
                    + "are confirmed, changed or dropped by it; hot locks without a finding are listed.")
    List<Path> profiles = new ArrayList<>();

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "With --profile (alone it is an error): a calibration from lockopt bench --calibrate "
                    + "(default: the one shipped).")
    Path calibration;

    @Override
    public Integer call() throws IOException {
        try {
            return analyze();
        } catch (AnalysisInputException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private int analyze() throws IOException {
        List<Path> roots = paths.isEmpty() ? List.of(Path.of(".")) : List.copyOf(paths);
        AnalysisOptions options = new AnalysisOptions(Optional.ofNullable(config), enable, disable, excludes,
                Optional.ofNullable(targetJdk), AnalysisSettings.DEFAULT_TARGET_JDK, Optional.ofNullable(threads),
                charset(), Optional.ofNullable(baseline), !noPrescreen, Optional.ofNullable(confidence),
                !ignoreForeignSuppressions);
        requireConsistentOptions();
        List<Path> configSearch = List.of(roots.get(0));
        requireOutputsApart(roots, options.configurationFile(configSearch));
        RuleRegistry registry = RuleRegistry.discover();
        Path baseDirectory = Path.of("").toAbsolutePath();
        AnalysisRequest configured = options.request(roots, baseDirectory,
                options.configuration(configSearch, registry), registry);
        List<Path> libraries = new ArrayList<>(configured.classpathSources());
        libraries.addAll(classpathSources);
        AnalysisRequest request = configured.withClasspathSources(libraries).withCache(Optional.ofNullable(cache));
        Optional<ChangedLines> changed = Optional.ofNullable(changedSince)
                .map(ref -> changedLinesSince(roots.get(0), ref));
        PrintWriter err = spec.commandLine().getErr();
        request.settings().newerTargetWarning().ifPresent(warning -> err.println("lockopt: warning: " + warning));
        boolean showProgress = !quiet && ProgressBar.terminalAttached();
        List<LockEvidence> measured = profiles.isEmpty() ? List.of() : AdviceInputs.profiles(profiles);
        AdviceModel model = profiles.isEmpty() ? null : AdviceInputs.model(calibration);
        // A profile can vouch for read-mostly findings the scan alone holds low: look at those too.
        boolean promote = !profiles.isEmpty() && request.confidence() == Confidence.HIGH;
        AnalysisResult result;
        try (ProgressBar bar = new ProgressBar(err)) {
            result = new Analyzer().analyze((promote ? request.withConfidence(Confidence.LOW) : request)
                    .withProgress(showProgress ? bar : ProgressListener.NONE));
        }
        if (promote) {
            result = EvidenceJoin.promotingMeasuredReadMostly(result, measured, model);
        }
        // Before the report: a cache problem leaves the findings right, and is said even with --quiet.
        result.warnings().forEach(warning -> err.println("lockopt: warning: " + warning));
        err.flush();
        int baselined = 0;
        if (writeBaseline != null) {
            Baseline baseline = Baseline.of(result.findings());
            writeBaseline.write(spec.commandLine().getOut(), baseline::writeTo);
            baselined = baseline.findings().size();
        }
        AnalysisResult all = writeBaseline != null ? result.acceptingAll() : result;
        AnalysisResult scanned = changed.map(lines -> all.keepingFindings(
                f -> lines.contains(baseDirectory.resolve(f.path()), f.region().line()))).orElse(all);
        EvidenceJoin.Joined joined = profiles.isEmpty() ? new EvidenceJoin.Joined(scanned, Measurements.NONE, List.of())
                : EvidenceJoin.join(scanned, measured, model, roots);
        AnalysisResult reported = joined.result();
        writeReport(reported, joined.measurements(), registry);
        if (!quiet) {
            joined.notes().forEach(note -> err.println("lockopt: " + note));
        }
        if (!quiet) {
            tellOnStderr(reported, roots, baselined, err);
            if (changed.isPresent()) {
                err.println("lockopt: " + (all.findings().size() - reported.findings().size())
                        + " findings outside the lines changed since " + changedSince + " not reported");
                err.flush();
            }
        }
        List<io.lockopt.analyzer.engine.Diagnostic> failures = reported.ruleFailures();
        if (!failures.isEmpty()) {
            tellRuleFailures(failures, err);
            if (!keepGoing) {
                return ExitCodes.INTERNAL;
            }
        }
        if (strict && reported.diagnostics().size() > failures.size()) {
            throw new UserInputException(reported.diagnostics().size()
                    + " file problem(s) (unparsable, unreadable or undecodable files) and --strict is set");
        }
        return reported.hasNewFindingsAtLeast(failOn.threshold()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Options that contradict themselves or each other: one line and exit 2, before any work. */
    private void requireConsistentOptions() {
        if (threads != null && threads < 1) {
            throw new UserInputException("--threads must be at least 1, got " + threads);
        }
        if (targetJdk != null && targetJdk < AnalysisSettings.OLDEST_TARGET_JDK) {
            throw new UserInputException("--target-jdk must be a JDK feature release such as 17 or 21 (at least "
                    + AnalysisSettings.OLDEST_TARGET_JDK + "), got " + targetJdk);
        }
        if (calibration != null && profiles.isEmpty()) {
            throw new UserInputException("--calibration prices what --profile measured; give --profile REPORT.json too,"
                    + " or leave --calibration out");
        }
    }

    private static ChangedLines changedLinesSince(Path root, String ref) {
        try {
            return ChangedLines.since(root, ref);
        } catch (AnalysisInputException e) {
            throw new UserInputException("--changed-since: " + e.getMessage(), e);
        }
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UserInputException("unknown --encoding '" + encoding + "'");
        }
    }

    private void writeReport(AnalysisResult result, Measurements measured, RuleRegistry registry) throws IOException {
        ReportOptions options = ReportOptions.of(ToolInfo.lockopt(AnalyzeCommand.class.getPackage()
                .getImplementationVersion())).withSummary(!quiet).withSuppressedInSarif(sarifIncludeSuppressed);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            format.write(result, measured, registry, options, out);
            out.flush();
        } else {
            output.write(out, file -> format.write(result, measured, registry, options, file));
        }
        // A report (or a baseline, --write-baseline -) lost on stdout ends the run: no summary about it.
        CheckedStandardOutput.requireWritten(out);
    }

    /**
     * Rule failures are lockopt bugs that leave the report incomplete: one line each on stderr
     * (the report lists them too), the stack with {@code --verbose}, and what the exit code means.
     */
    private void tellRuleFailures(List<io.lockopt.analyzer.engine.Diagnostic> failures, PrintWriter err) {
        boolean verbose = VerboseOption.isSet(spec);
        for (io.lockopt.analyzer.engine.Diagnostic failure : failures) {
            err.println("lockopt: " + failure.message());
            if (verbose && failure.cause() != null) {
                failure.cause().printStackTrace(err);
            }
        }
        err.println("lockopt: " + failures.size() + (failures.size() == 1 ? " rule failure" : " rule failures")
                + ", so the report is incomplete" + (keepGoing ? " (--keep-going: exit code as usual)"
                        : "; exit 3 (--keep-going ignores rule failures" + (verbose ? ")" : ", --verbose shows the stacks)")));
        err.flush();
    }

    /**
     * The files this run writes are different files, and none is a source it analyzes or a file it
     * reads: a report written over the baseline, or over a {@code .java} file by a slip of the tab
     * key, is work lost; so is the configuration, found in the first PATH or given. Checked before
     * any work starts. (Reading a baseline and writing the new one to the same file, {@code
     * --baseline b.json --write-baseline b.json}, is the usual refresh.)
     */
    private void requireOutputsApart(List<Path> roots, Optional<Path> configFile) throws IOException {
        DistinctFiles files = new DistinctFiles().writes("--output", output).writes("--write-baseline", writeBaseline);
        if (output == null) {
            // the report goes to standard output: --write-baseline - would share it
            files.writesStandardOutput("the report (no --output)");
        }
        if (cache != null) {
            try {
                files.writes("--cache", OutputTarget.of(cache));
            } catch (OutputTarget.UnusableException e) {
                // a directory: ScanCache says so in its own words
            }
        }
        files.reads("the file --baseline reads", baseline, "--write-baseline")
                .reads(config != null ? "the file --config reads" : "the configuration file this run reads",
                        configFile.orElse(null))
                .reads("the file --calibration reads", calibration);
        files.readsEachOnce("--profile", profiles);
        List<Path> sourceRoots = new ArrayList<>(roots);
        sourceRoots.addAll(classpathSources);
        files.analyzes(sourceRoots).check();
    }

    /** The messages around the report: nothing found to scan, where files went, a one-line summary. */
    private void tellOnStderr(AnalysisResult result, List<Path> roots, int baselined, PrintWriter err) {
        if (result.filesFound() == 0) {
            String where = roots.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
            // A directory that cannot be listed was not found empty: its problem is in the report.
            err.println(result.diagnostics().isEmpty() ? "lockopt: no Java files found in " + where + "; nothing to analyze"
                    : "lockopt: no Java files read in " + where + " (see the file problems); nothing analyzed");
        }
        if (writeBaseline != null) {
            // The baseline holds every finding of the run, also those --changed-since leaves out of the report.
            err.println("lockopt: wrote " + baselined + " findings to baseline " + writeBaseline);
        }
        if (format != ReportFormat.TEXT || output != null) {
            err.println("lockopt: " + result.count(FindingStatus.NEW) + " new findings, "
                    + result.count(FindingStatus.SUPPRESSED) + " suppressed, " + result.count(FindingStatus.BASELINED)
                    + " baselined, " + result.diagnostics().size() + " file problems in " + result.filesFound()
                    + " files" + (output == null || output.isStandardOutput() ? "" : "; report written to " + output));
        }
        err.flush();
    }

    /** {@code high} / {@code low}, case-insensitive. */
    static final class ConfidenceConverter implements picocli.CommandLine.ITypeConverter<io.lockopt.analyzer.spi.Confidence> {
        @Override
        public io.lockopt.analyzer.spi.Confidence convert(String value) {
            return io.lockopt.analyzer.spi.Confidence.parse(value).orElseThrow(() ->
                    new picocli.CommandLine.TypeConversionException("expected high or low, got '" + value + "'"));
        }
    }
}
