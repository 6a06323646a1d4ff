package io.lockopt.analyzer.engine;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;

/**
 * What to scan and how.
 *
 * @param paths         directories, {@code .java} files and sources jars
 * @param baseDirectory reported paths are relative to it (SARIF {@code %SRCROOT%})
 * @param rules         the enabled rules with their effective severities
 * @param excludes      globs of files to leave out (see {@link io.lockopt.analyzer.engine.source.ExcludeGlobs})
 * @param threads       worker threads for reading, parsing and file rules
 * @param baseline      findings to report as baselined rather than new
 * @param prescreen     skip files no enabled rule's {@link io.lockopt.analyzer.spi.Prescreen} accepts;
 *                      off parses every file (to check that a code base parses, or to measure)
 * @param confidence    the least confidence a finding needs to be reported
 * @param foreignSuppressions honour other tools' suppressions of the equivalent check (Error Prone,
 *                      SpotBugs, IntelliJ, Sonar; see {@link ForeignSuppressions})
 * @param classpathSources roots (directories, sources jars) parsed for facts only: their summaries, call
 *                      graph and lock identities join the project-wide analysis, but nothing is reported
 *                      in them ({@code --classpath-sources}: the libraries an application calls)
 * @param cache         the {@code --cache} file: results of unchanged files (and of the project-wide rules
 *                      when no file they see changed) are reused from it, and it is rewritten after the scan
 *                      (see {@link io.lockopt.analyzer.engine.cache.ScanCache}); empty: no cache
 */
public record AnalysisRequest(List<Path> paths, Path baseDirectory, List<ActiveRule> rules, List<String> excludes,
        Charset encoding, int threads, AnalysisSettings settings, Optional<Baseline> baseline,
        ProgressListener progress, boolean prescreen, Confidence confidence, boolean foreignSuppressions,
        List<Path> classpathSources, Optional<Path> cache) {

    public AnalysisRequest {
        paths = List.copyOf(paths);
        classpathSources = List.copyOf(classpathSources);
        rules = List.copyOf(rules);
        excludes = List.copyOf(excludes);
        if (threads < 1) {
            throw new AnalysisInputException("--threads must be at least 1, got " + threads);
        }
    }

    /** Defaults for everything but what to scan and with which rules: UTF-8, all cores, no baseline. */
    public static AnalysisRequest of(List<Path> paths, Path baseDirectory, List<ActiveRule> rules) {
        return new AnalysisRequest(paths, baseDirectory, rules, List.of(), StandardCharsets.UTF_8,
                Runtime.getRuntime().availableProcessors(), AnalysisSettings.defaults(), Optional.empty(),
                ProgressListener.NONE, true, Confidence.HIGH, true, List.of(), Optional.empty());
    }

    public AnalysisRequest withExcludes(List<String> value) {
        return new AnalysisRequest(paths, baseDirectory, rules, value, encoding, threads, settings, baseline, progress, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withEncoding(Charset value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, value, threads, settings, baseline, progress, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withThreads(int value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, value, settings, baseline, progress, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withSettings(AnalysisSettings value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, value, baseline, progress, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withBaseline(Optional<Baseline> value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, value, progress, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withProgress(ProgressListener value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, value, prescreen, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withPrescreen(boolean value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, value, confidence, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withConfidence(Confidence value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, prescreen, value, foreignSuppressions, classpathSources, cache);
    }

    public AnalysisRequest withForeignSuppressions(boolean value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, prescreen, confidence, value, classpathSources, cache);
    }

    public AnalysisRequest withCache(Optional<Path> value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, prescreen, confidence, foreignSuppressions, classpathSources, value);
    }

    public AnalysisRequest withClasspathSources(List<Path> value) {
        return new AnalysisRequest(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, prescreen, confidence, foreignSuppressions, value, cache);
    }

    /** The request without {@code classpathSources} (the form before they existed). */
    public AnalysisRequest(List<Path> paths, Path baseDirectory, List<ActiveRule> rules, List<String> excludes,
            Charset encoding, int threads, AnalysisSettings settings, Optional<Baseline> baseline,
            ProgressListener progress, boolean prescreen, Confidence confidence, boolean foreignSuppressions) {
        this(paths, baseDirectory, rules, excludes, encoding, threads, settings, baseline, progress, prescreen,
                confidence, foreignSuppressions, List.of(), Optional.empty());
    }
}
