package io.lockopt.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.AnalysisOptions;
import io.lockopt.analyzer.engine.AnalysisRequest;
import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Analyzer;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.FailOn;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.engine.changes.ChangedLines;
import io.lockopt.analyzer.engine.report.CompilerStyleLine;
import io.lockopt.analyzer.engine.report.ReportFormat;
import io.lockopt.analyzer.engine.report.ReportOptions;
import io.lockopt.analyzer.engine.report.ToolInfo;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.files.AtomicFile;

/**
 * One analysis as a goal asks for it, every Maven setting already resolved into plain values, so
 * that it runs the same in Maven's JVM or in a JVM of its own ({@link ForkedAnalysis}, which reads
 * it back from {@link #write properties}). Running it analyzes, writes the reports, and tells
 * {@link JobLog} the findings as compiler-style lines and a summary; the goal decides from the
 * {@link Outcome} whether the build fails. It uses no Maven type: the forked JVM has none.
 *
 * @param failOn    a valid {@link FailOn} label; {@link Outcome#failing} counts the new findings at or above it
 * @param formats   {@link ReportFormat#label()}s, each written to {@code outputDirectory/lockopt.EXTENSION}
 * @param changedSinceIn the directory whose git work tree {@code changedSince} is looked up in
 * @param cache     the analysis cache file ({@code lockopt analyze --cache}); empty: none
 */
record AnalysisJob(List<Path> roots, Path top, List<Path> configDirectories, Optional<Path> config,
        List<String> enable, List<String> disable, List<String> excludes, Optional<Integer> targetJdk,
        int compilerJdk, Optional<Integer> threads, Charset encoding, Optional<Path> baseline,
        Optional<Confidence> confidence, Optional<String> changedSince, Path changedSinceIn, List<String> formats,
        Path outputDirectory, boolean sarifIncludeSuppressed, String failOn, String version, Optional<Path> cache) {

    /** Where a running job's messages go: the Maven log, or the forked JVM's standard output. */
    interface JobLog {
        void error(String line);

        void warn(String line);

        void info(String line);

        static JobLog of(Consumer<String> error, Consumer<String> warn, Consumer<String> info) {
            return new JobLog() {
                @Override
                public void error(String line) {
                    error.accept(line);
                }

                @Override
                public void warn(String line) {
                    warn.accept(line);
                }

                @Override
                public void info(String line) {
                    info.accept(line);
                }
            };
        }
    }

    /** A setting or input that cannot be used, or a report that cannot be written: one line. */
    static final class JobException extends Exception {
        private static final long serialVersionUID = 1L;

        JobException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What the goal decides the build by.
     *
     * @param failing      new findings at or above {@code failOn}
     * @param ruleFailures rules that failed (lockopt bugs; the analysis is incomplete)
     */
    record Outcome(long failing, int ruleFailures) {
    }

    AnalysisJob {
        roots = List.copyOf(roots);
        configDirectories = List.copyOf(configDirectories);
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        excludes = List.copyOf(excludes);
        formats = List.copyOf(formats);
    }

    Outcome run(JobLog log) throws JobException {
        FailOn threshold = FailOn.parse(failOn).orElseThrow();
        AnalysisResult result;
        try {
            RuleRegistry registry = RuleRegistry.discover();
            AnalysisOptions options = new AnalysisOptions(config, enable, disable, excludes, targetJdk, compilerJdk,
                    threads, encoding, baseline, true, confidence, true);
            AnalysisRequest request = options.request(roots, top, options.configuration(configDirectories, registry),
                    registry).withCache(cache);
            Optional<ChangedLines> changed = changedSince.map(this::changedLinesSince);
            request.settings().newerTargetWarning().ifPresent(warning -> log.warn("lockopt: warning: " + warning));
            AnalysisResult all = new Analyzer().analyze(request);
            all.warnings().forEach(warning -> log.warn("lockopt: " + warning));
            if (all.stats().fromCache() > 0) {
                log.info("lockopt: " + all.stats().fromCache() + " of " + all.filesFound()
                        + " files unchanged since the last analysis, their results reused from " + cache.orElseThrow());
            }
            result = changed.map(lines -> all.keepingFindings(
                    f -> lines.contains(top.resolve(f.path()), f.region().line()))).orElse(all);
            if (changed.isPresent()) {
                log.info("lockopt: " + (all.findings().size() - result.findings().size())
                        + " findings outside the lines changed since " + changedSince.get() + " not reported");
            }
            writeReports(result, registry, log);
        } catch (AnalysisInputException e) {
            throw new JobException("lockopt: " + e.getMessage(), e);
        }
        logFindings(result, log);
        long failing = threshold.threshold().map(least -> result.findings().stream()
                .filter(f -> f.status() == FindingStatus.NEW && f.severity().isAtLeast(least))
                .count()).orElse(0L);
        return new Outcome(failing, result.ruleFailures().size());
    }

    private ChangedLines changedLinesSince(String ref) {
        try {
            return ChangedLines.since(changedSinceIn, ref);
        } catch (AnalysisInputException e) {
            throw new AnalysisInputException("changedSince: " + e.getMessage(), e);
        }
    }

    private void writeReports(AnalysisResult result, RuleRegistry registry, JobLog log) throws JobException {
        ReportOptions options = ReportOptions.of(ToolInfo.lockopt(version))
                .withSuppressedInSarif(sarifIncludeSuppressed);
        for (String label : formats) {
            ReportFormat format = ReportFormat.valueOf(label.toUpperCase(java.util.Locale.ROOT));
            Path file = outputDirectory.resolve("lockopt." + format.fileExtension());
            try {
                Files.createDirectories(file.getParent());
                AtomicFile.write(file, out -> format.write(result, registry, options, out));
            } catch (IOException e) {
                throw new JobException("lockopt: cannot write " + file + ": " + e.getMessage(), e);
            }
            log.info("lockopt: wrote " + file);
        }
    }

    /** Each new finding as the CLI prints it, at the log level of its severity; then a summary. */
    private static void logFindings(AnalysisResult result, JobLog log) {
        for (Finding finding : result.findings()) {
            if (finding.status() != FindingStatus.NEW) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add(CompilerStyleLine.of(finding));
            finding.related().forEach(related -> lines.add(CompilerStyleLine.ofRelated(related)));
            switch (finding.severity()) {
                case ERROR -> lines.forEach(log::error);
                case WARNING -> lines.forEach(log::warn);
                default -> lines.forEach(log::info);
            }
        }
        for (Diagnostic diagnostic : result.diagnostics()) {
            log.warn(CompilerStyleLine.of(diagnostic));
        }
        Map<String, Long> byRule = result.newFindingsByRule();
        long found = result.count(FindingStatus.NEW);
        log.info("lockopt: " + result.filesFound() + " files analyzed: " + found
                + (found == 1 ? " finding" : " findings")
                + (byRule.isEmpty() ? "" : byRule.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ", " (", ")")))
                + ", " + result.count(FindingStatus.SUPPRESSED) + " suppressed, "
                + result.count(FindingStatus.BASELINED) + " baselined, " + result.diagnostics().size()
                + " file problems");
    }

    // The job as properties, for the forked JVM: lists as NAME.0, NAME.1, ...; absent optionals as absent keys.

    void write(Writer out) throws IOException {
        Properties p = new Properties();
        putAll(p, "root", roots.stream().map(Path::toString).toList());
        p.setProperty("top", top.toString());
        putAll(p, "configDirectory", configDirectories.stream().map(Path::toString).toList());
        config.ifPresent(c -> p.setProperty("config", c.toString()));
        putAll(p, "enable", enable);
        putAll(p, "disable", disable);
        putAll(p, "exclude", excludes);
        targetJdk.ifPresent(jdk -> p.setProperty("targetJdk", jdk.toString()));
        p.setProperty("compilerJdk", Integer.toString(compilerJdk));
        threads.ifPresent(n -> p.setProperty("threads", n.toString()));
        p.setProperty("encoding", encoding.name());
        baseline.ifPresent(b -> p.setProperty("baseline", b.toString()));
        confidence.ifPresent(c -> p.setProperty("confidence", c.label()));
        changedSince.ifPresent(ref -> p.setProperty("changedSince", ref));
        p.setProperty("changedSinceIn", changedSinceIn.toString());
        putAll(p, "format", formats);
        p.setProperty("outputDirectory", outputDirectory.toString());
        p.setProperty("sarifIncludeSuppressed", Boolean.toString(sarifIncludeSuppressed));
        p.setProperty("failOn", failOn);
        p.setProperty("version", version);
        cache.ifPresent(c -> p.setProperty("cache", c.toString()));
        p.store(out, "lockopt-maven-plugin analysis job");
    }

    static AnalysisJob read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Function<String, Optional<String>> optional = key -> Optional.ofNullable(p.getProperty(key));
        return new AnalysisJob(all(p, "root").stream().map(Path::of).toList(), Path.of(p.getProperty("top")),
                all(p, "configDirectory").stream().map(Path::of).toList(), optional.apply("config").map(Path::of),
                all(p, "enable"), all(p, "disable"), all(p, "exclude"),
                optional.apply("targetJdk").map(Integer::valueOf), Integer.parseInt(p.getProperty("compilerJdk")),
                optional.apply("threads").map(Integer::valueOf), Charset.forName(p.getProperty("encoding")),
                optional.apply("baseline").map(Path::of), optional.apply("confidence").flatMap(Confidence::parse),
                optional.apply("changedSince"), Path.of(p.getProperty("changedSinceIn")), all(p, "format"),
                Path.of(p.getProperty("outputDirectory")), Boolean.parseBoolean(p.getProperty("sarifIncludeSuppressed")),
                p.getProperty("failOn"), p.getProperty("version"), optional.apply("cache").map(Path::of));
    }

    private static void putAll(Properties p, String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(name + "." + i, values.get(i));
        }
    }

    private static List<String> all(Properties p, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; p.getProperty(name + "." + i) != null; i++) {
            values.add(p.getProperty(name + "." + i));
        }
        return values;
    }
}
