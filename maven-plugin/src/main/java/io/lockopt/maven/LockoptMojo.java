package io.lockopt.maven;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.lockopt.analyzer.engine.FailOn;
import io.lockopt.analyzer.engine.report.ReportFormat;
import io.lockopt.analyzer.engine.report.ToolInfo;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;

/**
 * What every lockopt goal shares: the parameters (those of {@code lockopt analyze}), resolved
 * and checked into an {@link AnalysisJob}, which runs in a forked JVM ({@link ForkedJvm}, the
 * default) or in Maven's, logs the findings as compiler-style lines and writes the reports in
 * {@code target/lockopt/}; then the build fails or not. The goals differ in what they analyze
 * (this module, or the whole reactor) and in whether findings fail the build; settings
 * ({@code maven.compiler.release}, {@code lockopt.yml}) are read from the project the goal runs in.
 *
 * <p>Paths in the log and the reports are relative to the directory Maven was started in (the
 * top of a multi-module build), as {@code lockopt analyze} run there would print them.
 * A parameter that cannot be used fails the goal with one line naming it
 * ({@link MojoExecutionException}); findings at or above {@code failOn} fail it with
 * {@link MojoFailureException}.
 */
abstract class LockoptMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The least severe new finding that fails the build: error, warning, note or never. */
    @Parameter(property = "lockopt.failOn", defaultValue = "warning")
    String failOn;

    /**
     * Reports to write to {@code outputDirectory}: text, json, sarif, codeclimate ({@code lockopt.txt},
     * {@code lockopt.json}, {@code lockopt.sarif}, {@code lockopt.codeclimate.json}).
     */
    @Parameter(property = "lockopt.formats")
    List<String> formats = new ArrayList<>();

    /**
     * List findings suppressed in the source in the SARIF report too, marked with {@code suppressions}
     * (left out by default: GitHub code scanning ignores the mark and shows them as open alerts).
     */
    @Parameter(property = "lockopt.sarifIncludeSuppressed", defaultValue = "false")
    boolean sarifIncludeSuppressed;

    /** Where the reports go. */
    @Parameter(property = "lockopt.outputDirectory", defaultValue = "${project.build.directory}/lockopt")
    File outputDirectory;

    /** Findings listed in this baseline file ({@code lockopt analyze --write-baseline}) do not fail the build. */
    @Parameter(property = "lockopt.baseline")
    File baseline;

    /** The configuration file; default: {@code lockopt.yml} or {@code .lockopt.yml} in the module, then in the top directory. */
    @Parameter(property = "lockopt.config")
    File config;

    /** Files to leave out, as globs ({@code **}{@code /generated/**}, {@code *Test.java}). */
    @Parameter(property = "lockopt.excludes")
    List<String> excludes = new ArrayList<>();

    /** Run only these rules. */
    @Parameter(property = "lockopt.enable")
    List<String> enable = new ArrayList<>();

    /** Do not run these rules. */
    @Parameter(property = "lockopt.disable")
    List<String> disable = new ArrayList<>();

    /**
     * The JDK the code runs on (selects JDK-dependent rules); default: targetJdk in the
     * configuration file, else {@code maven.compiler.release}, else {@code maven.compiler.target}, else 17.
     */
    @Parameter(property = "lockopt.targetJdk")
    String targetJdk;

    /** Worker threads; default: one per processor. */
    @Parameter(property = "lockopt.threads")
    Integer threads;

    /** Least confidence of the findings to report: high (default) or low. */
    @Parameter(property = "lockopt.confidence")
    String confidence;

    /** Encoding of the sources. */
    @Parameter(property = "lockopt.encoding", defaultValue = "${project.build.sourceEncoding}")
    String encoding;

    /** Also analyze generated sources (compile source roots inside the build directory). */
    @Parameter(property = "lockopt.includeGeneratedSources", defaultValue = "false")
    boolean includeGeneratedSources;

    /**
     * Report (and fail on) only findings on lines added or changed since this git revision (a
     * branch, tag or commit; uncommitted changes and untracked files count); every file is still
     * analyzed.
     */
    @Parameter(property = "lockopt.changedSince")
    String changedSince;

    /**
     * Keep the analysis's results in {@code cacheFile} between builds ({@code lockopt analyze --cache}):
     * unchanged files are not parsed again, and the project-wide rules run again only when a file
     * they see changed; the findings are the same. {@code -Dlockopt.cache=false} analyzes everything.
     */
    @Parameter(property = "lockopt.cache", defaultValue = "true")
    boolean cache;

    /** Where the analysis cache lives (removed by {@code mvn clean}, like the build's other state). */
    @Parameter(property = "lockopt.cacheFile", defaultValue = "${project.build.directory}/lockopt/cache.json")
    File cacheFile;

    /**
     * Run the analysis in a JVM of its own, started with the flags of the distribution's launcher
     * (the C1 JIT alone, the serial GC), which costs less than warming up the analyzer in Maven's
     * JVM (docs/performance.md); {@code false} runs it inside Maven's JVM.
     */
    @Parameter(property = "lockopt.fork", defaultValue = "true")
    boolean fork;

    /** Skip lockopt. */
    @Parameter(property = "lockopt.skip", defaultValue = "false")
    boolean skip;

    /** The source roots this goal analyzes: this module's. */
    List<Path> sourceRoots() {
        return sourceRootsOf(project);
    }

    /** Whether new findings at or above {@code failOn} fail the build. */
    abstract boolean failsOnFindings();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("lockopt: skipped (lockopt.skip)");
            return;
        }
        FailOn threshold = FailOn.parse(failOn).orElseThrow(() -> new MojoExecutionException(
                "lockopt: failOn must be error, warning, note or never, got '" + failOn + "'"));
        List<ReportFormat> reportFormats = reportFormats();
        List<Path> roots = sourceRoots();
        if (roots.isEmpty()) {
            getLog().info("lockopt: no Java source directories, nothing to analyze");
            return;
        }
        AnalysisJob job = job(roots, threshold, reportFormats);
        AnalysisJob.Outcome outcome;
        try {
            outcome = fork ? new ForkedJvm(getLog()).run(job) : job.run(mavenLog());
        } catch (AnalysisJob.JobException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (outcome.ruleFailures() > 0) {
            throw new MojoExecutionException("lockopt: " + outcome.ruleFailures()
                    + (outcome.ruleFailures() == 1 ? " rule failure" : " rule failures")
                    + " (a lockopt bug; see the lines above), so the analysis is incomplete");
        }
        long failing = outcome.failing();
        if (failsOnFindings() && failing > 0) {
            throw new MojoFailureException("lockopt: " + failing + (failing == 1 ? " finding" : " findings")
                    + " at or above failOn=" + threshold + "; fix, suppress (// lockopt:ignore RuleId reason) "
                    + "or baseline " + (failing == 1 ? "it" : "them"));
        }
    }

    /** Every setting resolved against the project, checked, as plain values. */
    private AnalysisJob job(List<Path> roots, FailOn threshold, List<ReportFormat> reportFormats)
            throws MojoExecutionException {
        if (threads != null && threads < 1) {
            throw new MojoExecutionException("lockopt: threads must be at least 1, got " + threads);
        }
        Optional<Confidence> least = Optional.empty();
        if (confidence != null && !confidence.isBlank()) {
            least = Optional.of(Confidence.parse(confidence).orElseThrow(() -> new MojoExecutionException(
                    "lockopt: confidence must be high or low, got '" + confidence + "'")));
        }
        Path top = topDirectory();
        return new AnalysisJob(roots, top, List.of(project.getBasedir().toPath(), top),
                Optional.ofNullable(config).map(File::toPath), enable, disable, excludes, targetJdk(targetJdk),
                compilerJdk(), Optional.ofNullable(threads), charset(), Optional.ofNullable(baseline).map(File::toPath),
                least, Optional.ofNullable(changedSince).filter(ref -> !ref.isBlank()), project.getBasedir().toPath(),
                reportFormats.stream().map(ReportFormat::label).toList(), outputDirectory.toPath(),
                sarifIncludeSuppressed, threshold.toString(),
                ToolInfo.lockopt(LockoptMojo.class.getPackage().getImplementationVersion()).version(),
                Optional.ofNullable(cache ? cacheFile : null).map(File::toPath));
    }

    private AnalysisJob.JobLog mavenLog() {
        Log log = getLog();
        return AnalysisJob.JobLog.of(log::error, log::warn, log::info);
    }

    /** The compile source roots of {@code module} that exist, without generated ones unless asked. */
    final List<Path> sourceRootsOf(MavenProject module) {
        Path buildDirectory = Path.of(module.getBuild().getDirectory()).toAbsolutePath().normalize();
        Set<Path> roots = new LinkedHashSet<>();
        for (String root : module.getCompileSourceRoots()) {
            Path path = Path.of(root).toAbsolutePath().normalize();
            if (Files.isDirectory(path) && (includeGeneratedSources || !path.startsWith(buildDirectory))) {
                roots.add(path);
            }
        }
        return List.copyOf(roots);
    }

    private Path topDirectory() {
        String top = session.getExecutionRootDirectory();
        return top == null ? project.getBasedir().toPath() : Path.of(top);
    }

    /** {@code maven.compiler.release}, else {@code maven.compiler.target}, else lockopt's default. */
    private int compilerJdk() throws MojoExecutionException {
        for (String property : List.of("maven.compiler.release", "maven.compiler.target")) {
            Optional<Integer> jdk = jdk(project.getProperties().getProperty(property), property);
            if (jdk.isPresent()) {
                return jdk.get();
            }
        }
        return AnalysisSettings.DEFAULT_TARGET_JDK;
    }

    /** The {@code targetJdk} parameter: as the CLI's {@code --target-jdk}, a release lockopt has rules for (8 or later). */
    static Optional<Integer> targetJdk(String value) throws MojoExecutionException {
        Optional<Integer> jdk = jdk(value, "targetJdk");
        if (jdk.isPresent() && jdk.get() < AnalysisSettings.OLDEST_TARGET_JDK) {
            throw new MojoExecutionException("lockopt: targetJdk must be a JDK feature release such as 17 or 21 (at least "
                    + AnalysisSettings.OLDEST_TARGET_JDK + "), got " + value.strip());
        }
        return jdk;
    }

    /** {@code 17} or {@code 1.8} as a JDK feature number; empty when {@code value} is not set. */
    static Optional<Integer> jdk(String value, String name) throws MojoExecutionException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        String feature = v.startsWith("1.") ? v.substring(2) : v;
        try {
            return Optional.of(Integer.parseInt(feature));
        } catch (NumberFormatException e) {
            throw new MojoExecutionException("lockopt: " + name + " must be a JDK version such as 17 or 1.8, got '"
                    + value + "'");
        }
    }

    private Charset charset() throws MojoExecutionException {
        if (encoding == null || encoding.isBlank()) {
            return Charset.forName("UTF-8");
        }
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MojoExecutionException("lockopt: unknown encoding '" + encoding + "'");
        }
    }

    private List<ReportFormat> reportFormats() throws MojoExecutionException {
        List<ReportFormat> out = new ArrayList<>();
        for (String name : formats) {
            for (String one : name.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                try {
                    out.add(ReportFormat.valueOf(one.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new MojoExecutionException("lockopt: formats: unknown format '" + one.strip()
                            + "' (" + FORMAT_NAMES + ")");
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static final String FORMAT_NAMES = java.util.Arrays.stream(ReportFormat.values())
            .map(ReportFormat::label).collect(Collectors.joining(", "));
}
