package io.lockopt.analyzer.engine;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.engine.config.LockoptConfig;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;

/**
 * What a front end (the CLI's {@code analyze}, the Maven plugin) asks of one analysis, before
 * it is merged with the configuration file: an option given here wins over the file, the file
 * over {@code defaultTargetJdk} and the other defaults.
 *
 * @param configFile       the configuration file; empty: {@code lockopt.yml} or {@code .lockopt.yml}
 *                         in the first of the directories {@link #configuration} searches
 * @param defaultTargetJdk the JDK when neither {@code targetJdk} nor the file names one (the CLI:
 *                         17; the plugin: the module's {@code maven.compiler.release})
 * @param threads          worker threads; empty: one per processor
 */
public record AnalysisOptions(Optional<Path> configFile, List<String> enable, List<String> disable,
        List<String> excludes, Optional<Integer> targetJdk, int defaultTargetJdk, Optional<Integer> threads,
        Charset encoding, Optional<Path> baseline, boolean prescreen, Optional<Confidence> confidence,
        boolean foreignSuppressions) {

    public AnalysisOptions {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        excludes = List.copyOf(excludes);
    }

    /**
     * The configuration: {@link #configFile()}, else the first default-named file in
     * {@code searchDirectories}, else the empty configuration.
     *
     * @throws AnalysisInputException when the file is missing, unreadable or not valid
     */
    public LockoptConfig configuration(List<Path> searchDirectories, RuleRegistry registry) {
        return configurationFile(searchDirectories).map(file -> LockoptConfig.load(file, registry))
                .orElse(LockoptConfig.empty());
    }

    /**
     * The file {@link #configuration} reads: {@link #configFile()}, else the first default-named file
     * in {@code searchDirectories} (a front end keeps its outputs off it), else none.
     */
    public Optional<Path> configurationFile(List<Path> searchDirectories) {
        if (configFile.isPresent()) {
            return configFile;
        }
        return searchDirectories.stream().map(LockoptConfig::findIn).flatMap(Optional::stream).findFirst();
    }

    /**
     * The request for {@code roots}, paths reported relative to {@code baseDirectory}.
     *
     * @throws AnalysisInputException when a rule id is unknown or the baseline cannot be read
     */
    public AnalysisRequest request(List<Path> roots, Path baseDirectory, LockoptConfig config,
            RuleRegistry registry) {
        List<ActiveRule> rules = RuleSelection.resolve(registry, config, enable, disable);
        int jdk = targetJdk.orElse(config.targetJdk().orElse(defaultTargetJdk));
        List<String> allExcludes = new ArrayList<>(config.exclude());
        allExcludes.addAll(excludes);
        AnalysisRequest request = AnalysisRequest.of(roots, baseDirectory, rules)
                .withExcludes(allExcludes)
                .withEncoding(encoding)
                .withSettings(new AnalysisSettings(jdk, config.ruleOptions()))
                .withBaseline(baseline.map(Baseline::read))
                .withPrescreen(prescreen)
                .withConfidence(confidence.orElse(config.confidence().orElse(Confidence.HIGH)))
                .withForeignSuppressions(foreignSuppressions)
                .withClasspathSources(config.classpathSources());
        return threads.map(request::withThreads).orElse(request);
    }
}
