package io.lockopt.analyzer.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Range;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.engine.cache.ScanCache;
import io.lockopt.analyzer.engine.source.ExcludeGlobs;
import io.lockopt.analyzer.engine.source.SourceDecoder;
import io.lockopt.analyzer.engine.source.SourceDiscovery;
import io.lockopt.analyzer.engine.source.SourceInput;
import io.lockopt.analyzer.engine.source.SourceSet;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Prescreen;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.SourceFile;
import io.lockopt.analyzer.spi.SourceLookup;
import io.lockopt.analyzer.spi.SourceTexts;
import io.lockopt.files.InputFile;

/**
 * The scan engine: discovers sources, reads, prescreens and parses them on a pool of worker
 * threads, runs the file rules on each parsed file, then the project rules over all of them, and
 * turns what the rules report into located, fingerprinted findings with suppressions and the
 * baseline applied.
 *
 * <p>Design notes: each file is one task; a task touches only its own input, its own
 * {@link FileOutcome} and a {@link JavaParser} confined to the worker thread (JavaParser
 * instances are not thread-safe, so each worker keeps one in a {@link ThreadLocal}). Rules are
 * stateless by contract and shared. The shared mutable state is the {@link ConcurrentScanStats}
 * (LongAdders), {@link SourceFile#derived}'s concurrent map and, with {@code --cache}, the
 * {@link ScanCache} (its own design notes say how). The calling thread joins every future before
 * reading any outcome, which orders all task writes before the merge. The project rules start only
 * after that join, so they see every file completely built; files whose results came from the
 * cache are parsed for them (again on the pool, joined the same way) only when their findings
 * cannot be reused.
 */
public final class Analyzer {
    /** The newest language level JavaParser 3.28 knows: records, sealed types, patterns, text blocks. */
    public static final LanguageLevel LANGUAGE_LEVEL = LanguageLevel.JAVA_26;

    private static final int MAX_PROBLEM_LENGTH = 200;

    /**
     * How long a file must have been left alone before a run's {@code --cache} takes its stamp for its
     * content: longer than the coarsest file-time tick in common use (FAT's 2 s; ext3 and HFS+ 1 s).
     */
    public static final Duration SETTLE_TIME = Duration.ofSeconds(2);

    private final Duration settleTime;

    public Analyzer() {
        this(SETTLE_TIME);
    }

    /**
     * @param settleTime how long before the run a file must have last been modified or changed for
     *     the cache to trust its stamp; tests use zero to reach that path without waiting
     */
    public Analyzer(Duration settleTime) {
        this.settleTime = settleTime;
    }

    public AnalysisResult analyze(AnalysisRequest request) {
        long start = System.nanoTime();
        Instant settledBefore = Instant.now().minus(settleTime);
        List<FileRule> fileRules = new ArrayList<>();
        List<ProjectRule> projectRules = new ArrayList<>();
        Map<String, ActiveRule> active = new HashMap<>();
        for (ActiveRule rule : request.rules()) {
            active.put(rule.id(), rule);
            if (rule.rule() instanceof FileRule fileRule) {
                fileRules.add(fileRule);
            } else if (rule.rule() instanceof ProjectRule projectRule) {
                projectRules.add(projectRule);
            }
        }
        Optional<ScanCache> cache = request.cache().map(file -> ScanCache.open(file, request));
        SourceDiscovery discovery = new SourceDiscovery(request.baseDirectory(), new ExcludeGlobs(request.excludes()));
        ConcurrentScanStats stats = new ConcurrentScanStats();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<PendingFinding> pending = new ArrayList<>();
        int filesFound;
        try (SourceSet sources = discovery.discover(request.paths());
                SourceSet classpath = discovery.discover(request.classpathSources())) {
            // Classpath sources are read for facts only; a file given both ways is the project's.
            Set<String> projectPaths = new HashSet<>();
            sources.inputs().forEach(input -> projectPaths.add(input.path()));
            List<SourceInput> factsOnly = classpath.inputs().stream()
                    .filter(input -> !projectPaths.contains(input.path())).toList();
            filesFound = sources.inputs().size();
            diagnostics.addAll(sources.diagnostics());
            request.progress().started(filesFound + factsOnly.size(), stats);
            Map<String, SourceInput> inputsByPath = new HashMap<>();
            factsOnly.forEach(input -> inputsByPath.put(input.path(), input));
            sources.inputs().forEach(input -> inputsByPath.put(input.path(), input));
            cache.ifPresent(c -> c.inputsAre(inputsByPath.keySet()));
            FileScanner scanner = new FileScanner(request, fileRules, projectRules, active, stats, cache,
                    settledBefore, inputsByPath);
            ExecutorService pool = Executors.newFixedThreadPool(request.threads(), new WorkerThreads());
            try {
                List<Callable<FileOutcome>> scans = new ArrayList<>();
                sources.inputs().forEach(input -> scans.add(() -> scanner.scan(input, false)));
                factsOnly.forEach(input -> scans.add(() -> scanner.scan(input, true)));
                List<FileOutcome> outcomes = runAll(pool, scans);
                List<ProjectMember> members = new ArrayList<>();
                for (FileOutcome outcome : outcomes) {
                    diagnostics.addAll(outcome.diagnostics());
                    pending.addAll(outcome.findings());
                    if (outcome.member() != null) {
                        members.add(outcome.member());
                    }
                }
                // The project rules' findings depend on the files they see and nothing else the
                // configuration key leaves out: the same files, the same findings.
                String projectKey = cache.isEmpty() ? null : ScanCache.projectKey(
                        members.stream().map(ProjectMember::key).toList());
                Optional<List<ScanCache.CachedFinding>> reused = cache.flatMap(c -> c.project(projectKey));
                if (reused.isPresent()) {
                    reused.get().forEach(f -> pending.add(new PendingFinding(f.finding(), f.material())));
                    cache.get().putProject(projectKey, reused.get());
                } else {
                    List<SourceFile> projectFiles = projectFiles(pool, scanner, members, diagnostics);
                    if (Boolean.getBoolean(SourceFile.WEAK_TREES_PROPERTY)) {
                        System.gc(); // tests: every released tree goes now, and is parsed again when needed
                    }
                    Set<String> unreported = new HashSet<>();
                    factsOnly.forEach(input -> unreported.add(input.path()));
                    List<RuleOutcome> projectOutcomes = runAll(pool, projectRules.stream()
                            .map(rule -> (Callable<RuleOutcome>) () -> runProjectRule(rule, active.get(rule.id()),
                                    projectFiles, request, unreported))
                            .toList());
                    List<PendingFinding> projectFindings = new ArrayList<>();
                    boolean complete = projectFiles.size() == members.size();
                    for (RuleOutcome outcome : projectOutcomes) {
                        diagnostics.addAll(outcome.diagnostics());
                        projectFindings.addAll(outcome.findings());
                        complete &= outcome.diagnostics().isEmpty();
                    }
                    pending.addAll(projectFindings);
                    if (cache.isPresent() && complete) {
                        cache.get().putProject(projectKey, projectFindings.stream()
                                .map(f -> new ScanCache.CachedFinding(f.finding(), f.material())).toList());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        cache.ifPresent(ScanCache::save);
        List<Finding> findings = finish(pending, request.baseline());
        diagnostics.sort(Diagnostic.ORDER);
        return new AnalysisResult(findings, diagnostics, request.rules(), request.baseDirectory(), filesFound,
                stats.snapshot(), Duration.ofNanos(System.nanoTime() - start), request.baseline().isPresent(),
                cache.map(ScanCache::warnings).orElse(List.of()));
    }

    /**
     * The trees the project rules run over, in scan order: those the scan kept, and those of files
     * whose results came from the cache, parsed and prepared now (in parallel) because another file
     * the project rules see changed. A file that fails now as it did not then is left out, its
     * diagnostic reported, and the project findings are not stored.
     */
    private static List<SourceFile> projectFiles(ExecutorService pool, FileScanner scanner, List<ProjectMember> members,
            List<Diagnostic> diagnostics) {
        List<Callable<RuleOutcome>> parses = new ArrayList<>();
        List<Integer> deferred = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ProjectMember member = members.get(i);
            if (member.file() == null) {
                deferred.add(i);
                parses.add(() -> scanner.prepareForProject(member));
            }
        }
        SourceFile[] files = new SourceFile[members.size()];
        for (int i = 0; i < members.size(); i++) {
            files[i] = members.get(i).file();
        }
        List<RuleOutcome> parsed = runAll(pool, parses);
        for (int j = 0; j < parsed.size(); j++) {
            diagnostics.addAll(parsed.get(j).diagnostics());
            files[deferred.get(j)] = parsed.get(j).file();
        }
        return java.util.Arrays.stream(files).filter(Objects::nonNull).toList();
    }

    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (var task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> outcomes = new ArrayList<>(futures.size());
        try {
            for (Future<T> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            // Tasks catch what rules and the parser throw; what arrives here is a bug in the engine.
            throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
        }
        return outcomes;
    }

    private static RuleOutcome runProjectRule(ProjectRule rule, ActiveRule active, List<SourceFile> files,
            AnalysisRequest request, Set<String> unreported) {
        FindingSink sink = new FindingSink();
        List<Diagnostic> diagnostics = new ArrayList<>();
        try {
            Reporter reporter = new RuleReporter(active, sink, request);
            rule.check(files, unreported.isEmpty() ? reporter : (file, at, message, related, properties, confidence) -> {
                if (!unreported.contains(file.path())) {
                    reporter.report(file, at, message, related, properties, confidence);
                }
            });
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.add(Diagnostic.ruleFailure(rule.id(), "", e));
        }
        return new RuleOutcome(sink.drain(), diagnostics, null);
    }

    /**
     * Orders findings, drops repeats (one rule reporting the same node with the same message twice,
     * e.g. reached along two paths), numbers equal ones, assigns fingerprints and applies the baseline.
     */
    private static List<Finding> finish(List<PendingFinding> pending, Optional<Baseline> baseline) {
        List<PendingFinding> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparing(PendingFinding::finding, Finding.ORDER));
        Set<List<Object>> seen = new HashSet<>();
        ordered.removeIf(p -> !seen.add(List.of(p.finding().ruleId(), p.finding().location(), p.finding().message())));
        List<Finding> fingerprinted = Fingerprint.assign(
                ordered.stream().map(PendingFinding::finding).toList(),
                ordered.stream().map(PendingFinding::material).toList());
        if (baseline.isEmpty()) {
            return fingerprinted;
        }
        Baseline.Matcher matcher = baseline.get().matcher();
        List<Finding> result = new ArrayList<>(fingerprinted.size());
        for (Finding finding : fingerprinted) {
            boolean known = finding.status() == FindingStatus.NEW && matcher.consume(finding);
            result.add(known ? finding.withStatus(FindingStatus.BASELINED) : finding);
        }
        return result;
    }

    /** Reads, decodes, prescreens, parses and checks one file; called on worker threads. */
    private static final class FileScanner {
        private final List<FileRule> fileRules;
        private final List<ProjectRule> projectRules;
        private final Map<String, ActiveRule> active;
        private final ConcurrentScanStats stats;
        private final SourceDecoder decoder;
        private final AnalysisSettings settings;
        private final List<Prescreen> prescreens;
        private final Map<FileRule, Prescreen> rulePrescreens;
        private final Map<ProjectRule, Prescreen> projectPrescreens;
        private final boolean prescreenEnabled;
        private final AnalysisRequest request;
        /** Null without {@code --cache}. */
        private final ScanCache cache;
        /** Files modified or changed since are read and hashed even when their stamp is in the cache. */
        private final Instant settledBefore;
        /**
         * The other files each file's rules looked up ({@link #lookup}), by the file's path, for
         * its cache entry: taken out once its rules ran (or failed: see {@link #scan(SourceInput, byte[],
         * String, boolean)}). Keyed by path, not by file: a tree too large for the heap must be left
         * unreachable.
         */
        private final Map<String, Map<String, String>> lookedUp = new ConcurrentHashMap<>();
        /** A dependency that could not be read: the file's results are not cached. */
        private static final String UNREADABLE = "unreadable";
        /** A package declaration, for {@link TextsBeside}: a cheap read of the text, no parse. */
        private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        /** Every input of the analysis by its reported path, for {@link #lookup} and {@link TextsBeside}. */
        private final Map<String, SourceInput> inputsByPath;
        private final ThreadLocal<JavaParser> parser = ThreadLocal.withInitial(() -> new JavaParser(
                new ParserConfiguration()
                        .setLanguageLevel(LANGUAGE_LEVEL)
                        // Suppression comments are read from the text; attributing comments to
                        // nodes is work no rule needs.
                        .setAttributeComments(false)));
        /**
         * The second try for a file the first parse refused, for what javac compiles and the first
         * parser does not: a unicode escape for a quote or backslash in a string literal (the lexer
         * must see it translated, as javac translates escapes first) and pre-Java-5 code using
         * {@code enum} as a name (refused by the newest level's validation, not by the grammar:
         * {@code RAW} validates nothing). Only for files that failed, so the common path pays nothing.
         */
        private final ThreadLocal<JavaParser> lenientParser = ThreadLocal.withInitial(() -> new JavaParser(
                new ParserConfiguration()
                        .setLanguageLevel(LanguageLevel.RAW)
                        .setPreprocessUnicodeEscapes(true)
                        .setAttributeComments(false)));

        FileScanner(AnalysisRequest request, List<FileRule> fileRules, List<ProjectRule> projectRules,
                Map<String, ActiveRule> active, ConcurrentScanStats stats, Optional<ScanCache> cache,
                Instant settledBefore, Map<String, SourceInput> inputsByPath) {
            this.inputsByPath = inputsByPath;
            this.cache = cache.orElse(null);
            this.settledBefore = settledBefore;
            this.fileRules = fileRules;
            this.projectRules = projectRules;
            this.active = active;
            this.stats = stats;
            this.decoder = new SourceDecoder(request.encoding());
            this.settings = request.settings();
            // Asked once: a rule may build a new prescreen on every call, and files are matched by identity.
            Map<Prescreen, Boolean> distinct = new IdentityHashMap<>();
            Map<FileRule, Prescreen> byRule = new IdentityHashMap<>();
            Map<ProjectRule, Prescreen> byProjectRule = new IdentityHashMap<>();
            for (ActiveRule rule : request.rules()) {
                Prescreen prescreen = Objects.requireNonNull(rule.rule().prescreen(), rule.id() + ".prescreen()");
                distinct.put(prescreen, Boolean.TRUE);
                if (rule.rule() instanceof FileRule fileRule) {
                    byRule.put(fileRule, prescreen);
                } else if (rule.rule() instanceof ProjectRule projectRule) {
                    byProjectRule.put(projectRule, prescreen);
                }
            }
            this.projectPrescreens = byProjectRule;
            this.prescreens = List.copyOf(distinct.keySet());
            this.rulePrescreens = byRule;
            this.prescreenEnabled = request.prescreen();
            this.request = request;
        }

        /**
         * {@code factsOnly}: a classpath source, kept for the project rules' facts, checked by no file
         * rule. With a cache, a file whose content hash is unchanged is not parsed: its results and
         * the prescreen's decision come from the cache, and it joins the project pass unparsed
         * ({@link #prepareForProject} parses it if that pass has to run). A file whose stamp is the
         * one stored with its results is not even read.
         */
        FileOutcome scan(SourceInput input, boolean factsOnly) {
            String stamp = null;
            if (cache != null) {
                stamp = input.stamp(settledBefore).orElse(null); // before reading: see SourceInput.stamp
                Optional<ScanCache.FileEntry> unread = stamp == null ? Optional.empty()
                        : cache.reuseUnread(input.path(), stamp, factsOnly, this::dependenciesHold);
                if (unread.isPresent()) {
                    return reused(input, unread.get().sha256(), unread.get());
                }
            }
            byte[] bytes;
            try {
                bytes = input.read();
            } catch (IOException | RuntimeException e) {
                stats.recordFailed();
                return new FileOutcome(List.of(), List.of(unreadable(input, e)), null);
            } catch (OutOfMemoryError e) {
                stats.recordFailed();
                return new FileOutcome(List.of(), List.of(tooLargeToRead(input)), null);
            }
            stats.recordRead();
            if (cache == null) {
                return scan(input, bytes, null, factsOnly).outcome();
            }
            String sha256 = ScanCache.sha256(bytes);
            Optional<ScanCache.FileEntry> hit = cache.reuse(input.path(), sha256, factsOnly, stamp, this::dependenciesHold);
            if (hit.isPresent()) {
                return reused(input, sha256, hit.get());
            }
            Scanned scanned = scan(input, bytes, sha256, factsOnly);
            List<Diagnostic> diagnostics = scanned.outcome().diagnostics();
            if (diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.RULE_FAILURE
                    || d.kind() == Diagnostic.Kind.TOO_LARGE) && !scanned.dependencies().containsValue(UNREADABLE)) {
                // The files read, by path (their hashes are their own entries'), and one mark for
                // all those looked for and not there.
                Map<String, String> read = new HashMap<>(scanned.dependencies());
                List<String> absent = new ArrayList<>();
                read.forEach((path, hash) -> {
                    if (hash.equals(ScanCache.LOOKED_FOR_ABSENT)) {
                        absent.add(path);
                    }
                });
                read.keySet().removeAll(absent);
                List<String> dependsOn = new ArrayList<>(read.keySet());
                if (!absent.isEmpty()) {
                    dependsOn.add(ScanCache.LOOKED_FOR_ABSENT);
                }
                cache.put(input.path(), new ScanCache.FileEntry(sha256, factsOnly, scanned.state(),
                        scanned.outcome().member() != null,
                        scanned.outcome().findings().stream()
                                .map(f -> new ScanCache.CachedFinding(f.finding(), f.material())).toList(),
                        diagnostics.stream().map(ScanCache.CachedDiagnostic::of).toList(),
                        dependsOn), stamp, read, absent);
            }
            return scanned.outcome();
        }

        /**
         * Every other file that {@code entry}'s results depend on is as it was: still absent (no path
         * the last run looked for and did not find is an input now), or with the content the last run
         * stored for it (its stamp the one stored with that content, or, without one, read and hashed
         * again).
         */
        private boolean dependenciesHold(ScanCache.FileEntry entry) {
            for (String path : entry.dependsOn()) {
                if (path.equals(ScanCache.LOOKED_FOR_ABSENT)) {
                    if (!cache.absencesHold()) {
                        return false; // one looked for then may be there now
                    }
                    continue;
                }
                SourceInput other = inputsByPath.get(path);
                String sha256 = cache.previousHash(path);
                if (other == null || sha256 == null) {
                    return false;
                }
                if (cache.unchangedSince(path, sha256, other.stamp(settledBefore).orElse(null))) {
                    continue;
                }
                try {
                    if (!ScanCache.sha256(other.read()).equals(sha256)) {
                        return false;
                    }
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
            return true;
        }

        /** What a prescreen read and what rules looked up (null: nothing), as one map of dependencies. */
        private static Map<String, String> dependencies(Map<String, String> prescreened, Map<String, String> lookedUp) {
            if (lookedUp == null || lookedUp.isEmpty()) {
                return prescreened;
            }
            Map<String, String> all = new HashMap<>(prescreened);
            all.putAll(lookedUp);
            return all;
        }

        private FileOutcome reused(SourceInput input, String sha256, ScanCache.FileEntry entry) {
            switch (entry.state()) {
                case SKIPPED -> stats.recordSkippedByPrescreen();
                case PARSED -> stats.recordReusedFromCache();
                case FAILED -> stats.recordFailed();
            }
            return new FileOutcome(
                    entry.findings().stream().map(f -> new PendingFinding(f.finding(), f.material())).toList(),
                    entry.diagnostics().stream().map(ScanCache.CachedDiagnostic::diagnostic).toList(),
                    entry.project() ? new ProjectMember(input, sha256, entry.factsOnly(), null) : null);
        }

        /**
         * A file whose tree and facts do not fit in what the heap has left (a generated class of tens
         * of megabytes in a small heap) becomes a file problem, not a lost run: its tree is
         * unreachable once {@link #analyzeFile} has thrown, the collector takes it back, and the other
         * files go on. Not cached: with a larger heap the file is analyzed.
         */
        private Scanned scan(SourceInput input, byte[] bytes, String sha256, boolean factsOnly) {
            List<Diagnostic> diagnostics = new ArrayList<>(1);
            try {
                return analyzeFile(input, bytes, sha256, factsOnly, diagnostics);
            } catch (OutOfMemoryError e) {
                stats.recordFailed();
                diagnostics.add(new Diagnostic(Diagnostic.Kind.TOO_LARGE, input.path(), Region.FILE_START,
                        "needs more memory than the heap had left (" + sourceSize(bytes.length)
                                + " of source); skipped, no rule saw it; give lockopt more with"
                                + " LOCKOPT_JAVA_OPTS=-Xmx<size>"));
                return new Scanned(new FileOutcome(List.of(), diagnostics, null), ScanCache.FileState.FAILED, Map.of());
            } catch (NestedTooDeeply e) {
                stats.recordFailed();
                diagnostics.removeIf(d -> d.kind() == Diagnostic.Kind.RULE_FAILURE);
                diagnostics.add(e.diagnostic(input.path()));
                return new Scanned(new FileOutcome(List.of(), diagnostics, null), ScanCache.FileState.FAILED, Map.of());
            } finally {
                lookedUp.remove(input.path());
            }
        }

        /** A file's size as people read it: a sub-megabyte file is not "0 MB". */
        private static String sourceSize(int bytes) {
            return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : Math.max(1, bytes / 1024) + " kB";
        }

        private Scanned analyzeFile(SourceInput input, byte[] bytes, String sha256, boolean factsOnly,
                List<Diagnostic> diagnostics) {
            String text = decode(input, bytes, diagnostics);
            Map<Prescreen, Boolean> accepted = new IdentityHashMap<>();
            boolean needed = false;
            TextsBeside others = new TextsBeside(input.path(), text);
            for (Prescreen prescreen : prescreens) {
                boolean mayMatter = !prescreenEnabled || prescreen.mayMatter(text, others);
                accepted.put(prescreen, mayMatter);
                needed |= mayMatter;
            }
            if (!needed) {
                stats.recordSkippedByPrescreen();
                return new Scanned(new FileOutcome(List.of(), diagnostics, null), ScanCache.FileState.SKIPPED,
                        others.consulted);
            }
            Optional<CompilationUnit> unit = parse(input.path(), text, diagnostics);
            if (unit.isEmpty()) {
                stats.recordFailed();
                // Parsed only because the prescreen, which may have read other files, accepted it.
                return new Scanned(new FileOutcome(List.of(), diagnostics, null), ScanCache.FileState.FAILED,
                        others.consulted);
            }
            SourceFile file = new SourceFile(input.path(), text, unit.get(), settings, lookup,
                    reparser(input.path()));
            FindingSink sink = new FindingSink();
            for (FileRule rule : factsOnly ? List.<FileRule>of() : fileRules) {
                if (!accepted.get(rulePrescreens.get(rule))) {
                    continue;
                }
                try {
                    rule.check(file, new RuleReporter(active.get(rule.id()), sink, request));
                } catch (RuntimeException | StackOverflowError e) {
                    NestedTooDeeply.check(file, e);
                    diagnostics.add(Diagnostic.ruleFailure(rule.id(), input.path(), e));
                }
            }
            boolean keep = prepare(file, diagnostics);
            stats.recordParsed();
            return new Scanned(new FileOutcome(sink.drain(), diagnostics,
                    keep ? new ProjectMember(input, sha256, factsOnly, file) : null), ScanCache.FileState.PARSED,
                    dependencies(others.consulted, lookedUp.remove(input.path())));
        }

        /**
         * The project-wide pass sees the files its rules' prescreens accept, with or without
         * --no-prescreen: the prescreen decides what is parsed, never what a rule concludes. True
         * when {@code file} is kept for it (every project rule prepared it).
         */
        private boolean prepare(SourceFile file, List<Diagnostic> diagnostics) {
            boolean keep = false;
            for (ProjectRule rule : projectRules) {
                keep |= projectPrescreens.get(rule).mayMatter(file.text());
            }
            for (ProjectRule rule : keep ? projectRules : List.<ProjectRule>of()) {
                try {
                    rule.prepare(file);
                } catch (RuntimeException | StackOverflowError e) {
                    NestedTooDeeply.check(file, e);
                    diagnostics.add(Diagnostic.ruleFailure(rule.id(), file.path(), e));
                    keep = false;
                }
            }
            if (keep) {
                dropTokens(file.unit());
                file.release();
            }
            return keep;
        }

        /**
         * Parses a released file's text again, as its scan did, when the collector took its tree
         * ({@link SourceFile#release()}): the project pass keeps every file's facts, not every tree.
         */
        private Function<String, CompilationUnit> reparser(String path) {
            return text -> {
                List<Diagnostic> ignored = new ArrayList<>(1);
                CompilationUnit unit = parse(path, text, ignored).orElseThrow(() -> new IllegalStateException(
                        path + " parsed once, not again: " + ignored));
                dropTokens(unit);
                stats.recordParsedAgain();
                return unit;
            };
        }

        /**
         * Parses and prepares, for the project pass, a file whose own results came from the cache
         * (they, and its diagnostics, are not produced again). A file that is no longer what the
         * cache says (changed during the scan) or no longer parses is left out with a diagnostic.
         */
        RuleOutcome prepareForProject(ProjectMember member) {
            List<Diagnostic> diagnostics = new ArrayList<>(1);
            byte[] bytes;
            try {
                bytes = member.input().read();
            } catch (IOException | RuntimeException e) {
                return new RuleOutcome(List.of(), List.of(unreadable(member.input(), e)), null);
            } catch (OutOfMemoryError e) {
                return new RuleOutcome(List.of(), List.of(tooLargeToRead(member.input())), null);
            }
            if (!ScanCache.sha256(bytes).equals(member.sha256())) {
                return new RuleOutcome(List.of(), List.of(new Diagnostic(Diagnostic.Kind.UNREADABLE, member.path(),
                        Region.FILE_START, "changed during the scan; left out of the project-wide rules")), null);
            }
            List<Diagnostic> ignored = new ArrayList<>(1);
            String text = decode(member.input(), bytes, ignored);
            Optional<CompilationUnit> unit = parse(member.path(), text, diagnostics);
            if (unit.isEmpty()) {
                return new RuleOutcome(List.of(), diagnostics, null);
            }
            SourceFile file = new SourceFile(member.path(), text, unit.get(), settings, SourceLookup.NONE,
                    reparser(member.path()));
            try {
                return new RuleOutcome(List.of(), diagnostics, prepare(file, diagnostics) ? file : null);
            } catch (NestedTooDeeply e) {
                return new RuleOutcome(List.of(), List.of(e.diagnostic(member.path())), null);
            }
        }

        /**
         * The {@link io.lockopt.analyzer.spi.SourceLookup} of this analysis: the input at the asking
         * file's root plus the qualified name's path, read (and parsed) on demand, each look-up recorded
         * in {@link #lookedUp}; trees are not kept (rules ask seldom, and trees cost memory). Empty when
         * there is none or it does not parse.
         */
        private final SourceLookup lookup = new SourceLookup() {
            @Override
            public Optional<CompilationUnit> unitDeclaring(SourceFile from, String qualifiedName) {
                return textDeclaring(from, qualifiedName).flatMap(text -> parse(
                        SourceLookup.pathBeside(from, qualifiedName).orElseThrow(), text, new ArrayList<>(1)));
            }

            @Override
            public Optional<String> textDeclaring(SourceFile from, String qualifiedName) {
                Optional<String> path = SourceLookup.pathBeside(from, qualifiedName);
                return path.isEmpty() ? Optional.empty() : read(path.get(),
                        lookedUp.computeIfAbsent(from.path(), f -> new ConcurrentHashMap<>()));
            }
        };

        /**
         * The text of the input at {@code path}, recorded in {@code dependencies} with its content hash
         * ({@link ScanCache#LOOKED_FOR_ABSENT} when there is none, {@link #UNREADABLE} when it cannot be read).
         */
        private Optional<String> read(String path, Map<String, String> dependencies) {
            SourceInput input = inputsByPath.get(path);
            if (input == null) {
                dependencies.putIfAbsent(path, ScanCache.LOOKED_FOR_ABSENT);
                return Optional.empty();
            }
            try {
                byte[] bytes = input.read();
                if (cache != null) { // the hashes serve the cache alone
                    dependencies.putIfAbsent(path, ScanCache.sha256(bytes));
                }
                return Optional.of(decoder.decode(bytes).text());
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                dependencies.put(path, UNREADABLE);
                return Optional.empty();
            }
        }

        /**
         * The {@link SourceTexts} of one file's prescreen: other inputs by the qualified name's path
         * beside the file (its root: its path less its package's directories, the package read from
         * the text), read and decoded on demand; {@code consulted} records each path looked for: the
         * file's decision depends on it ({@link Scanned#dependencies}). One worker thread uses it.
         */
        private final class TextsBeside implements SourceTexts {
            private final String path;
            private final String text;
            /** Null until asked; then the root, or empty when the file does not sit in its package's directory. */
            private Optional<String> root;
            /** The paths looked for, with the content hash of each found (see {@link Scanned#dependencies}). */
            final Map<String, String> consulted = new HashMap<>();

            TextsBeside(String path, String text) {
                this.path = path;
                this.text = text;
            }

            @Override
            public Optional<String> text(String qualifiedName) {
                if (root == null) {
                    root = rootOf(path, text);
                }
                if (root.isEmpty()) {
                    return Optional.empty();
                }
                String otherPath = root.get() + qualifiedName.replace('.', '/') + ".java";
                return otherPath.equals(path) ? Optional.empty() : read(otherPath, consulted);
            }

            /** {@code x.jar!/a/b/C.java} declaring package {@code a.b}: {@code x.jar!/}; empty when the path does not end so. */
            private static Optional<String> rootOf(String path, String text) {
                Matcher declared = PACKAGE.matcher(text);
                String packagePath = declared.find() ? declared.group(1).replace('.', '/') + "/" : "";
                String suffix = packagePath + path.substring(path.lastIndexOf('/') + 1);
                return path.endsWith(suffix) ? Optional.of(path.substring(0, path.length() - suffix.length()))
                        : Optional.empty();
            }
        }

        private String decode(SourceInput input, byte[] bytes, List<Diagnostic> diagnostics) {
            SourceDecoder.Decoded decoded = decoder.decode(bytes);
            decoded.problem().ifPresent(problem -> diagnostics.add(new Diagnostic(Diagnostic.Kind.UNDECODABLE,
                    input.path(), new Region(problem.line(), 1, problem.line(), 1), problem.message())));
            return decoded.text();
        }

        /**
         * A file whose bytes do not fit in the heap, or in one array (over 2 GB): a file problem, not
         * a lost run. The bytes read so far are unreachable once the read has thrown.
         */
        private static Diagnostic tooLargeToRead(SourceInput input) {
            return new Diagnostic(Diagnostic.Kind.TOO_LARGE, input.path(), Region.FILE_START,
                    "too large to read (over 2 GB, or more than the heap had left); skipped, no rule saw it");
        }

        private static Diagnostic unreadable(SourceInput input, Exception e) {
            return new Diagnostic(Diagnostic.Kind.UNREADABLE, input.path(), Region.FILE_START, "cannot read: "
                    + (e instanceof IOException io ? InputFile.describe(io) : e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")));
        }

        /**
         * Lets a kept tree go of the token list behind it, keeping every node's range: the
         * project-wide rules keep the tree of every file with lock code until they end, and the
         * tokens (used only for lexical-preserving printing, which lockopt never does) took most of
         * that memory (14,719 files: 5.2 GB resident before, 2.0 GB after).
         */
        private static void dropTokens(CompilationUnit unit) {
            for (Node node : unit.findAll(Node.class)) {
                Range range = node.getRange().orElse(null);
                node.setTokenRange(null);
                node.setRange(range);
            }
        }

        private Optional<CompilationUnit> parse(String path, String text, List<Diagnostic> diagnostics) {
            ParseResult<CompilationUnit> result;
            try {
                result = parser.get().parse(text);
            } catch (RuntimeException | StackOverflowError e) {
                diagnostics.add(new Diagnostic(Diagnostic.Kind.UNPARSABLE, path, Region.FILE_START, "cannot parse: "
                        + (e instanceof StackOverflowError ? "nested too deeply for the parser" : e)));
                return Optional.empty();
            }
            if (result.isSuccessful() && result.getResult().isPresent()) {
                return result.getResult();
            }
            try {
                ParseResult<CompilationUnit> lenient = lenientParser.get().parse(text);
                if (lenient.isSuccessful() && lenient.getResult().isPresent()) {
                    return lenient.getResult();
                }
            } catch (RuntimeException | StackOverflowError e) {
                // the first parse's problem is the one to report
            }
            Optional<CompilationUnit> withoutLocalEnums = withoutLocalEnums(text, result);
            if (withoutLocalEnums.isPresent()) {
                return withoutLocalEnums;
            }
            Problem problem = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
            Region region = problem == null ? Region.FILE_START : problem.getLocation()
                    .flatMap(tokens -> tokens.getBegin().getRange())
                    .map(Region::of).orElse(Region.FILE_START);
            String message = problem == null ? "unknown parse error" : firstLine(problem.getMessage());
            int more = result.getProblems().size() - 1;
            diagnostics.add(new Diagnostic(Diagnostic.Kind.UNPARSABLE, path, region,
                    "cannot parse: " + message + (more > 0 ? " (and " + more + " more problems)" : "")));
            return Optional.empty();
        }

        /** Local enums a file may hold that JavaParser cannot parse ({@link LocalEnums}), at most. */
        private static final int MAX_LOCAL_ENUMS = 16;

        /** The file parsed with each local enum the parser stops at blanked out, or empty. */
        private Optional<CompilationUnit> withoutLocalEnums(String text, ParseResult<CompilationUnit> failed) {
            String blanked = text;
            ParseResult<CompilationUnit> attempt = failed;
            for (int round = 0; round < MAX_LOCAL_ENUMS; round++) {
                Optional<com.github.javaparser.Position> at = attempt.getProblems().stream().findFirst()
                        .flatMap(Problem::getLocation).flatMap(tokens -> tokens.getBegin().getRange())
                        .map(range -> range.begin);
                if (at.isEmpty()) {
                    return Optional.empty();
                }
                blanked = LocalEnums.blankedAt(blanked, offsetOf(blanked, at.get()));
                if (blanked == null) {
                    return Optional.empty();
                }
                try {
                    attempt = parser.get().parse(blanked);
                } catch (RuntimeException | StackOverflowError e) {
                    return Optional.empty();
                }
                if (attempt.isSuccessful() && attempt.getResult().isPresent()) {
                    return attempt.getResult();
                }
            }
            return Optional.empty();
        }

        /** The offset of a 1-based line and column (tabs one column, as the parser counts) in {@code text}, or -1. */
        private static int offsetOf(String text, com.github.javaparser.Position position) {
            int line = 1;
            int i = 0;
            while (line < position.line && i < text.length()) {
                char c = text.charAt(i++);
                if (c == '\n' || c == '\r' && (i >= text.length() || text.charAt(i) != '\n')) {
                    line++;
                }
            }
            int offset = i + position.column - 1;
            return line == position.line && offset < text.length() ? offset : -1;
        }

        private static String firstLine(String message) {
            String line = message.lines().findFirst().orElse("").strip();
            return line.length() <= MAX_PROBLEM_LENGTH ? line : line.substring(0, MAX_PROBLEM_LENGTH) + "...";
        }
    }

    /** A finding before its fingerprint is known (numbering equal findings needs all of them). */
    record PendingFinding(Finding finding, String material) {
    }

    /**
     * What one file's task produced; {@code member} is set only when a project rule's prescreen
     * accepts the file (whether or not prescreening decided what to parse) and every project rule
     * could prepare it.
     */
    record FileOutcome(List<PendingFinding> findings, List<Diagnostic> diagnostics, ProjectMember member) {
    }

    /**
     * A file's outcome with what the prescreen and parser made of it, as the cache stores it;
     * {@code dependencies}: the other files its prescreen or rules read or looked for, by path, with
     * their content hash ({@link ScanCache#LOOKED_FOR_ABSENT} for one that was not there): the cached
     * results hold only while each is as it was.
     */
    record Scanned(FileOutcome outcome, ScanCache.FileState state, Map<String, String> dependencies) {
    }

    /**
     * A file the project rules see: {@code file} is its prepared tree, or null when its results
     * came from the cache and it has not been parsed ({@code sha256} is null without a cache).
     */
    record ProjectMember(SourceInput input, String sha256, boolean factsOnly, SourceFile file) {
        String path() {
            return input.path();
        }

        ScanCache.ProjectFile key() {
            return new ScanCache.ProjectFile(input.path(), sha256, factsOnly);
        }
    }

    /** What a project rule reported and how it failed; or a tree parsed for the project pass ({@code file}). */
    record RuleOutcome(List<PendingFinding> findings, List<Diagnostic> diagnostics, SourceFile file) {
    }

    /** Collects one task's findings; a project rule may report from threads of its own. */
    static final class FindingSink {
        private final List<PendingFinding> findings = new ArrayList<>();

        synchronized void add(PendingFinding finding) {
            findings.add(finding);
        }

        synchronized List<PendingFinding> drain() {
            return List.copyOf(findings);
        }
    }

    /** The {@link Reporter} one rule gets: locates, names and suppression-checks what it reports. */
    static final class RuleReporter implements Reporter {
        private final ActiveRule rule;
        private final FindingSink sink;
        private final AnalysisRequest scope;

        RuleReporter(ActiveRule rule, FindingSink sink, AnalysisRequest scope) {
            this.rule = rule;
            this.sink = sink;
            this.scope = scope;
        }

        @Override
        public Confidence effectiveConfidence(SourceFile file, Node at, Confidence confidence) {
            return effectiveConfidence(file, at, Enclosing.of(at), confidence);
        }

        private static Confidence effectiveConfidence(SourceFile file, Node at, String enclosing, Confidence confidence) {
            return TestSupport.isTestSupport(file.path(), enclosing) || TestSupport.isDeprecated(at)
                    || GeneratedCode.contains(file, at) ? Confidence.LOW : confidence;
        }

        @Override
        public void report(SourceFile file, Node at, String message, List<RelatedLocation> related,
                Map<String, String> properties, Confidence confidence) {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(at, "node");
            Objects.requireNonNull(message, "message");
            String enclosing = Enclosing.of(at);
            confidence = effectiveConfidence(file, at, enclosing, confidence);
            if (confidence.compareTo(scope.confidence()) > 0) {
                return;
            }
            if (confidence != Confidence.HIGH) {
                properties = new java.util.LinkedHashMap<>(properties);
                properties.put("confidence", confidence.label());
            }
            Region region = Region.of(at);
            boolean suppressed = Suppressions.isSuppressed(file, at, rule.id(), region.line(),
                    scope.foreignSuppressions());
            List<Location> relatedLocations = related.stream()
                    .map(r -> new Location(r.file().path(), Region.of(r.node()), r.message()))
                    .toList();
            Finding finding = new Finding(rule.id(), rule.severity(), message, new Location(file.path(), region, null),
                    relatedLocations, properties, enclosing, null,
                    suppressed ? FindingStatus.SUPPRESSED : FindingStatus.NEW);
            sink.add(new PendingFinding(finding,
                    Fingerprint.material(rule.id(), file.path(), enclosing, Fingerprint.normalisedText(at))));
        }
    }

    /**
     * A rule's stack ran out on a tree nested deeper than code is written (a 20,000-call builder
     * chain, 50,000 conditions joined by &&): the input's depth, not the rule's failure, so the file
     * is one problem and no rule's findings on it are kept, as when it does not fit in the heap. A
     * stack overflow on a shallow tree is left a rule failure (a recursion that does not end).
     */
    private static final class NestedTooDeeply extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Deeper than hand-written code nests, and than the overflows seen on the workers' stacks. */
        private static final int DEEP = 1_000;

        private final int depth;

        private NestedTooDeeply(int depth) {
            super(null, null, false, false);
            this.depth = depth;
        }

        /** Throws when {@code failure} is a stack overflow on {@code file}'s deep tree. */
        static void check(SourceFile file, Throwable failure) {
            if (failure instanceof StackOverflowError) {
                int depth = depth(file.unit());
                if (depth > DEEP) {
                    throw new NestedTooDeeply(depth);
                }
            }
        }

        Diagnostic diagnostic(String path) {
            return new Diagnostic(Diagnostic.Kind.TOO_LARGE, path, Region.FILE_START, "nested too deeply to analyze ("
                    + depth + " levels of syntax); skipped");
        }

        /** The levels of the tree, counted without recursion. */
        private static int depth(Node root) {
            int deepest = 0;
            java.util.ArrayDeque<Node> nodes = new java.util.ArrayDeque<>(List.of(root));
            java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>(List.of(1));
            while (!nodes.isEmpty()) {
                Node node = nodes.pop();
                int depth = depths.pop();
                deepest = Math.max(deepest, depth);
                for (Node child : node.getChildNodes()) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
            return deepest;
        }
    }

    /**
     * Daemon workers, so a stuck rule cannot keep the JVM alive after the command returns, with
     * deep stacks: JavaParser and tree-walking rules recurse once per nesting level, and generated
     * code (long concatenations, deeply nested builders) nests deeply.
     */
    private static final class WorkerThreads implements ThreadFactory {
        private static final long STACK_BYTES = 16L << 20;
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(null, task, "lockopt-scan-" + next.getAndIncrement(), STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        }
    }
}
