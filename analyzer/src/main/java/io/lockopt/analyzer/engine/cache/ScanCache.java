package io.lockopt.analyzer.engine.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.lockopt.analyzer.engine.ActiveRule;
import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.AnalysisRequest;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.JsonProblem;
import io.lockopt.analyzer.engine.Region;
import io.lockopt.files.AtomicFile;
import io.lockopt.files.InputFile;
import io.lockopt.files.OutputTarget;

/**
 * The {@code --cache} file of {@code lockopt analyze}: what the last run found, keyed so that a run
 * reuses only what it would compute again.
 *
 * <ul>
 * <li>The whole file belongs to one lockopt build ({@link #toolIdentity}) and one effective rule
 *     configuration ({@link #configurationOf}: enabled rules and severities, rule options, target JDK,
 *     encoding, confidence, prescreen, foreign suppressions). Any other is ignored with one warning
 *     and rebuilt, as is a file that is not a cache of this format (damaged, truncated, foreign).</li>
 * <li>Per file (its reported path, the SHA-256 of its bytes, and whether it is a classpath source):
 *     what the file rules reported in it, its diagnostics, the prescreen's decision, and whether the
 *     project-wide rules keep it. File rules see one file only, so these depend on nothing else.</li>
 * <li>Per file on disk, its {@linkplain io.lockopt.analyzer.engine.source.SourceInput#stamp stamp}
 *     when the file had been left alone long enough when it was read: while the stamp is the same,
 *     the content is taken to be the hashed one without reading the file (git's index does the same
 *     with the same fields); any difference, or no stamp, and the file is read and hashed.</li>
 * <li>The project-wide rules' findings, keyed by the {@link #projectKey} of every file they see:
 *     one changed, added or removed file among them, and they run again over all of them.</li>
 * </ul>
 *
 * Findings are stored before fingerprints, the baseline and {@code --changed-since} are applied
 * (those run on every run, over cached and fresh findings alike); suppressions are already applied,
 * which is sound because they are read from the text of the file the finding is in, and that file is
 * in the key. Results of a rule that failed are never stored: its exception is not kept.
 *
 * <p>Design notes: the scan's worker threads call {@link #reuseUnread}, {@link #reuse} and {@link #put}
 * concurrently; the previous run's entries and stamps are read-only after {@link #open} (published to
 * the workers by submitting their tasks) and the next run's go into {@link ConcurrentHashMap}s (a
 * file's entry and stamp are put by the one task that scans it); {@code rescanned} is a
 * volatile flag that workers only ever set. {@link #project},
 * {@link #putProject}, {@link #save} and {@link #warnings} are called by the scan's calling thread
 * only, after it has joined the workers.
 */
public final class ScanCache {
    /** Raised when the shape of the file changes; an older file is then ignored and rebuilt. */
    static final int FORMAT = 4;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Path file;
    private final String tool;
    private final String configuration;
    private final Map<String, FileEntry> previousFiles;
    private final ProjectEntry previousProject;
    /** Whether {@code previousFiles} and {@code previousProject} came from a usable file. */
    private final boolean loaded;
    private final Map<String, String> previousStamps;
    /** The {@link #inputsKey} of the last run's inputs; null without a usable file. */
    private final String previousInputs;
    /** Every path the last run's entries looked for and did not find. */
    private final List<String> previousAbsent;
    /** This run's inputs and their key, set by {@link #inputsAre} before the scan starts. */
    private String inputs;
    private Set<String> inputPaths = Set.of();
    /** Whether {@link #absencesHold}, asked once. */
    private volatile Boolean absencesHold;
    /** Every path this run's scans looked for and did not find. */
    private final Set<String> absent = ConcurrentHashMap.newKeySet();
    private final Map<String, FileEntry> files = new ConcurrentHashMap<>();
    /**
     * For the entries this run scanned and that depend on other files: the content hash of each
     * present dependency the scan read, checked against that file's own entry by {@link #save}.
     */
    private final Map<String, Map<String, String>> readHashes = new ConcurrentHashMap<>();
    private final Map<String, String> stamps = new ConcurrentHashMap<>();
    private ProjectEntry project;
    /**
     * Set by {@link #put}, or by {@link #reuse} with a new stamp: the file on disk no longer says it
     * all. Volatile: written by workers, read after the join.
     */
    private volatile boolean rescanned;
    private final List<String> warnings = new ArrayList<>();

    private ScanCache(Path file, String tool, String configuration, CacheFile previous) {
        this.file = file;
        this.tool = tool;
        this.configuration = configuration;
        this.previousFiles = previous == null ? Map.of() : previous.entries();
        this.previousProject = previous == null ? null : previous.project();
        this.previousStamps = previous == null ? Map.of() : previous.allStamps();
        this.previousInputs = previous == null ? null : previous.inputs();
        this.previousAbsent = previous == null ? List.of() : previous.absent();
        this.loaded = previous != null;
    }

    /**
     * The paths of every input of this run (project and classpath sources), before any file is
     * scanned: a file that looked for another and did not find it keeps its results only while the
     * inputs are the ones it was scanned among.
     */
    public void inputsAre(java.util.Collection<String> paths) {
        inputs = inputsKey(paths);
        inputPaths = Set.copyOf(paths);
    }

    /**
     * Every file the last run's entries looked for and did not find is still not an input: the same
     * inputs, or none of those paths among them (a file added elsewhere leaves them alone).
     */
    public boolean absencesHold() {
        Boolean hold = absencesHold;
        if (hold == null) {
            hold = previousInputs != null && (previousInputs.equals(inputs)
                    || previousAbsent.stream().noneMatch(inputPaths::contains));
            absencesHold = hold;
        }
        return hold;
    }

    /** The content hash the last run stored for the file at {@code path}; null when it stored none. */
    public String previousHash(String path) {
        FileEntry entry = previousFiles.get(path);
        return entry == null ? null : entry.sha256();
    }

    /**
     * The cache in {@code file} for {@code request}; a missing file is an empty cache, one that cannot
     * be used is an empty cache and a warning.
     *
     * @throws AnalysisInputException when {@code file} is a directory, a device, a FIFO or a socket:
     *     reading one would never end ({@code /dev/zero}) and saving would replace it
     */
    public static ScanCache open(Path file, AnalysisRequest request) {
        try {
            InputFile.requireRegularIfPresent(file);
        } catch (InputFile.NotARegularFileException e) {
            throw new AnalysisInputException("--cache " + e.getMessage() + "; give a file", e);
        }
        String tool = toolIdentity();
        String configuration = configurationOf(request);
        CacheFile previous = null;
        String problem = null;
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            CacheFile read = JSON.readValue(InputFile.readAllBytes(file), CacheFile.class);
            if (read == null) {
                problem = "not a lockopt cache: it holds null";
            } else if (read.format() != FORMAT || read.files() == null || read.skipped() == null || read.stamps() == null) {
                problem = "written in another format";
            } else if (!tool.equals(read.tool())) {
                problem = "written by another lockopt build";
            } else if (!configuration.equals(read.configuration())) {
                problem = "written with another rule configuration";
            } else if (read.lacksAPart()) {
                problem = "damaged: an entry lacks a part lockopt always writes";
            } else {
                previous = read;
            }
        } catch (NoSuchFileException e) {
            // The first run: nothing to reuse, nothing to warn about.
        } catch (JacksonException e) {
            JsonProblem json = JsonProblem.of(e);
            problem = "not a lockopt cache, or damaged" + (json.line() == 0 ? "" : " at line " + json.line()) + ": "
                    + json.reason();
        } catch (IOException e) {
            problem = "cannot read it: " + InputFile.describe(e);
        } catch (RuntimeException e) {
            problem = "cannot read it: " + e; // a lockopt bug: its class says most
        }
        ScanCache cache = new ScanCache(file, tool, configuration, previous);
        if (problem != null) {
            cache.warnings.add("cache " + file + " ignored (" + problem + "); it is rebuilt");
        }
        return cache;
    }

    /**
     * The stored results of the file at {@code path} when its stamp and role are those stored with
     * them: the file need not be read. Kept for the next run too; empty otherwise.
     */
    public Optional<FileEntry> reuseUnread(String path, String stamp, boolean factsOnly,
            Predicate<FileEntry> dependenciesHold) {
        FileEntry entry = previousFiles.get(path);
        if (entry == null || entry.factsOnly() != factsOnly || !stamp.equals(previousStamps.get(path))
                || !dependenciesHold.test(entry)) {
            return Optional.empty();
        }
        files.put(path, entry);
        stamps.put(path, stamp);
        return Optional.of(entry);
    }

    /**
     * The stored results of the file at {@code path} when its content hash and role match, kept for
     * the next run too with its {@code stamp} (null: none); empty when the file is new or changed.
     */
    public Optional<FileEntry> reuse(String path, String sha256, boolean factsOnly, String stamp,
            Predicate<FileEntry> dependenciesHold) {
        FileEntry entry = previousFiles.get(path);
        if (entry == null || !entry.sha256().equals(sha256) || entry.factsOnly() != factsOnly
                || !dependenciesHold.test(entry)) {
            return Optional.empty();
        }
        files.put(path, entry);
        if (stamp != null) {
            stamps.put(path, stamp);
        }
        if (!java.util.Objects.equals(stamp, previousStamps.get(path))) {
            rescanned = true;
        }
        return Optional.of(entry);
    }

    /**
     * The file at {@code path} has the content the last run stored for it, as its stamp shows: the
     * stamp stored with that content is {@code stamp} (false without a stamp: read it).
     */
    public boolean unchangedSince(String path, String sha256, String stamp) {
        FileEntry entry = previousFiles.get(path);
        return stamp != null && entry != null && entry.sha256().equals(sha256) && stamp.equals(previousStamps.get(path));
    }

    /**
     * Stores what the scan found in the file at {@code path}, and its {@code stamp} (null: none).
     * {@code readHashes}: for an entry that depends on other files, the content hash of each present
     * one as its scan read it (the entry is not saved if a dependency's own entry ends up with
     * another); {@code absent}: the paths it looked for and did not find.
     */
    public void put(String path, FileEntry entry, String stamp, Map<String, String> readHashes,
            java.util.Collection<String> absent) {
        if (!entry.dependsOn().isEmpty()) {
            this.readHashes.put(path, Map.copyOf(readHashes));
        }
        this.absent.addAll(absent);
        files.put(path, entry);
        if (stamp != null) {
            stamps.put(path, stamp);
        }
        rescanned = true;
    }

    /** The project-wide rules' findings of the last run when it saw the same files (same {@code key}). */
    public Optional<List<CachedFinding>> project(String key) {
        return previousProject != null && previousProject.key().equals(key)
                ? Optional.of(previousProject.findings()) : Optional.empty();
    }

    public void putProject(String key, List<CachedFinding> findings) {
        project = new ProjectEntry(key, List.copyOf(findings));
    }

    /**
     * Writes the cache whole or not at all, unless it would write what the file already holds; a
     * failure is a warning (the analysis itself is complete, only the next run starts without the
     * cache). A symbolic link stays a link: its target is what is replaced ({@link OutputTarget}).
     */
    public void save() {
        // Compared by keys, not entries: comparing records bootstraps their equals, which costs a warm run more
        // than the rest of this check.
        if (loaded && !rescanned && files.keySet().equals(previousFiles.keySet()) && previousProject != null
                && project != null && project.key().equals(previousProject.key()) && previousInputs.equals(inputs)) {
            return; // nothing changed: the file on disk already says all of it
        }
        dropStaleDependents();
        try {
            byte[] bytes = JSON.writeValueAsBytes(CacheFile.of(tool, configuration, inputs, absentNow(), files, stamps,
                    project));
            AtomicFile.write(OutputTarget.of(file).finalPath(), bytes);
        } catch (IOException e) {
            warnings.add("cannot write cache " + file + " (" + InputFile.describe(e) + "); the next run starts without it");
        } catch (RuntimeException e) {
            warnings.add("cannot write cache " + file + " (" + e + "); the next run starts without it");
        }
    }

    /**
     * A dependency is stored as a path only: its content is its own entry's. So an entry is saved only
     * when each file it read has an entry with the content it read then (this run's scan's hash, or for
     * a reused entry the last run's, which the reuse checked): not when the file changed between the
     * two reads, or its own results could not be stored (a rule failed on it). Dropped, it is scanned
     * again by the next run.
     */
    private void dropStaleDependents() {
        // Until nothing changes: an entry dropped may be what another entry read.
        boolean dropped = true;
        while (dropped) {
            dropped = files.entrySet().removeIf(e -> {
                for (String dependency : e.getValue().dependsOn()) {
                    if (dependency.equals(LOOKED_FOR_ABSENT)) {
                        continue;
                    }
                    Map<String, String> read = readHashes.get(e.getKey());
                    String then = read != null ? read.get(dependency) : previousHash(dependency);
                    FileEntry now = files.get(dependency);
                    if (then == null || now == null || !now.sha256().equals(then)) {
                        stamps.remove(e.getKey());
                        return true;
                    }
                }
                return false;
            });
        }
    }

    /**
     * The paths looked for and not found that the saved entries rely on: this run's, and the last
     * run's when an entry reused from it carries the mark (they were checked to be still absent).
     */
    private List<String> absentNow() {
        Set<String> all = new java.util.TreeSet<>(absent);
        boolean reusedMark = files.entrySet().stream().anyMatch(e -> !readHashes.containsKey(e.getKey())
                && e.getValue().dependsOn().contains(LOOKED_FOR_ABSENT));
        if (reusedMark) {
            all.addAll(previousAbsent);
        }
        return List.copyOf(all);
    }

    /** What went wrong with the cache, one line each: the result is right either way. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The key of the project-wide rules' input: every file they see, as (path, content hash,
     * classpath source or not), in path order.
     */
    public static String projectKey(List<ProjectFile> members) {
        StringBuilder text = new StringBuilder();
        members.stream().sorted(Comparator.comparing(ProjectFile::path).thenComparing(ProjectFile::sha256))
                .forEach(m -> text.append(m.path()).append('\t').append(m.sha256()).append('\t')
                        .append(m.factsOnly()).append('\n'));
        return sha256(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The key of a set of input paths: the same paths in any order give the same key. */
    static String inputsKey(java.util.Collection<String> paths) {
        StringBuilder text = new StringBuilder();
        paths.stream().sorted().forEach(p -> text.append(p).append('\n'));
        return sha256(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Everything of {@code request} that changes what a rule reports on a given set of files, hashed.
     * Paths, excludes, threads and the baseline are not in it: the files are keyed one by one, and
     * the baseline is applied after the cache.
     */
    static String configurationOf(AnalysisRequest request) {
        // Plain text rather than JSON: a warm run that changes nothing never starts Jackson's writer.
        Map<String, Object> key = new LinkedHashMap<>();
        Map<String, String> rules = new TreeMap<>();
        for (ActiveRule rule : request.rules()) {
            rules.put(rule.id(), rule.severity() + " " + rule.rule().getClass().getName());
        }
        Map<String, Object> options = new TreeMap<>();
        request.settings().ruleOptions().forEach((rule, values) -> options.put(rule, new TreeMap<>(values)));
        key.put("rules", rules);
        key.put("ruleOptions", options);
        key.put("targetJdk", request.settings().targetJdk());
        key.put("encoding", request.encoding().name());
        key.put("prescreen", request.prescreen());
        key.put("confidence", request.confidence().label());
        key.put("foreignSuppressions", request.foreignSuppressions());
        return sha256(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The lockopt version, and the size and time of the jar the analyzer was loaded from: a rebuilt
     * snapshot has the same version and different rules.
     */
    static String toolIdentity() {
        String version = Optional.ofNullable(ScanCache.class.getPackage().getImplementationVersion())
                .orElse("development");
        try {
            CodeSource source = ScanCache.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            if (location != null && Files.isRegularFile(location)) {
                return version + " " + location.getFileName() + " " + Files.size(location) + " "
                        + Files.getLastModifiedTime(location).toMillis();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Without a jar to stamp, the version alone names the build.
        }
        return version;
    }

    /** What the prescreen and parser made of a file. */
    public enum FileState {
        /** No enabled rule's prescreen accepted it; not parsed. */
        SKIPPED,
        /** Parsed and checked. */
        PARSED,
        /** Could not be parsed (its diagnostics say why). */
        FAILED
    }

    /**
     * What one file gave the last run.
     *
     * @param project kept for the project-wide rules (their prescreen accepts it and it was prepared)
     */
    public record FileEntry(String sha256, boolean factsOnly, FileState state, boolean project,
            List<CachedFinding> findings, List<CachedDiagnostic> diagnostics, List<String> dependencies) {
        public FileEntry {
            findings = List.copyOf(findings);
            diagnostics = List.copyOf(diagnostics);
            dependencies = dependencies == null || dependencies.isEmpty() ? null
                    : List.copyOf(new java.util.TreeSet<>(dependencies));
        }

        /**
         * The other files its results depend on (its prescreen read them, or its rules looked them
         * up), by path, and {@link #LOOKED_FOR_ABSENT} when it looked for one that was not there;
         * none for most files.
         */
        public List<String> dependsOn() {
            return dependencies == null ? List.of() : dependencies;
        }

        FileEntry withDependencies(List<String> dependencies) {
            return new FileEntry(sha256, factsOnly, state, project, findings, diagnostics, dependencies);
        }
    }

    /**
     * In {@link FileEntry#dependsOn}: the file looked for another input that was not there (never a
     * path). Such results hold while none of the paths the last run looked for and did not find is
     * an input ({@link #absencesHold}): those are stored once for the whole file, and each entry
     * carries one mark instead of every name it looked for (most of them nested or imported classes).
     */
    public static final String LOOKED_FOR_ABSENT = "";

    /** A file the project-wide rules see. */
    public record ProjectFile(String path, String sha256, boolean factsOnly) {
    }

    /** A finding before its fingerprint, with the text its fingerprint is made of. */
    public record CachedFinding(Finding finding, String material) {
    }

    /** A diagnostic that is not a rule failure (those are never stored). */
    public record CachedDiagnostic(Diagnostic.Kind kind, String path, Region region, String message) {
        public static CachedDiagnostic of(Diagnostic diagnostic) {
            return new CachedDiagnostic(diagnostic.kind(), diagnostic.path(), diagnostic.region(),
                    diagnostic.message());
        }

        public Diagnostic diagnostic() {
            return new Diagnostic(kind, path, region, message);
        }
    }

    record ProjectEntry(String key, List<CachedFinding> findings) {
    }

    /**
     * The file as stored. Most files of a code base mention no lock and were only prescreened: those
     * are {@code skipped} (path to content hash, then the file's stamp if it had one, after a
     * space), which reads several times faster than as entries. {@code stamps}: path to stamp, for
     * the other files that had one. {@code dependsOn}: path to the other files its results depend on
     * ({@link FileEntry#dependsOn}), for the files of either kind that have some (on kafka-clients a
     * fifth of them, mostly skipped ones: kept out of the entries, they stay in the fast form).
     * {@code inputs}: the {@link #inputsKey} of the run's inputs.
     */
    record CacheFile(int format, String tool, String configuration, String inputs, List<String> absent,
            Map<String, String> skipped,
            Map<String, List<String>> dependsOn, Map<String, FileEntry> files, Map<String, String> stamps,
            ProjectEntry project) {

        /** A null where lockopt always writes a value (an edited or damaged file): used, it would fail the run. */
        boolean lacksAPart() {
            if (inputs == null || absent == null || absent.contains(null) || dependsOn == null
                    || skipped.containsValue(null) || stamps.containsValue(null)) {
                return true;
            }
            for (List<String> dependencies : dependsOn.values()) {
                if (dependencies == null || dependencies.contains(null)) {
                    return true;
                }
            }
            for (FileEntry entry : files.values()) {
                if (entry == null || entry.sha256() == null || entry.state() == null || lacksAPart(entry.findings())) {
                    return true;
                }
            }
            return project != null && (project.key() == null || project.findings() == null
                    || lacksAPart(project.findings()));
        }

        private static boolean lacksAPart(List<CachedFinding> findings) {
            return findings.stream().anyMatch(f -> f == null || f.finding() == null || f.material() == null);
        }

        static CacheFile of(String tool, String configuration, String inputs, List<String> absent,
                Map<String, FileEntry> entries,
                Map<String, String> stamps, ProjectEntry project) {
            Map<String, String> skipped = new TreeMap<>();
            Map<String, List<String>> dependsOn = new TreeMap<>();
            Map<String, FileEntry> files = new TreeMap<>();
            Map<String, String> otherStamps = new TreeMap<>();
            entries.forEach((path, entry) -> {
                String stamp = stamps.get(path);
                if (!entry.dependsOn().isEmpty()) {
                    dependsOn.put(path, entry.dependsOn());
                    entry = entry.withDependencies(null);
                }
                if (entry.state() == FileState.SKIPPED && !entry.factsOnly() && !entry.project()
                        && entry.findings().isEmpty() && entry.diagnostics().isEmpty()) {
                    skipped.put(path, stamp == null ? entry.sha256() : entry.sha256() + " " + stamp);
                } else {
                    files.put(path, entry);
                    if (stamp != null) {
                        otherStamps.put(path, stamp);
                    }
                }
            });
            return new CacheFile(FORMAT, tool, configuration, inputs, absent, skipped, dependsOn, files, otherStamps,
                    project);
        }

        Map<String, FileEntry> entries() {
            Map<String, FileEntry> entries = new java.util.HashMap<>(files);
            skipped.forEach((path, hashAndStamp) -> entries.put(path, skippedEntry(split(hashAndStamp)[0])));
            dependsOn.forEach((path, dependencies) -> entries.computeIfPresent(path,
                    (p, entry) -> entry.withDependencies(dependencies)));
            return entries;
        }

        Map<String, String> allStamps() {
            Map<String, String> all = new java.util.HashMap<>(stamps);
            skipped.forEach((path, hashAndStamp) -> {
                String stamp = split(hashAndStamp)[1];
                if (stamp != null) {
                    all.put(path, stamp);
                }
            });
            return all;
        }

        /** A {@code skipped} value as content hash and stamp (null when none). */
        private static String[] split(String hashAndStamp) {
            int space = hashAndStamp.indexOf(' ');
            return space < 0 ? new String[] {hashAndStamp, null}
                    : new String[] {hashAndStamp.substring(0, space), hashAndStamp.substring(space + 1)};
        }

        private static FileEntry skippedEntry(String sha256) {
            return new FileEntry(sha256, false, FileState.SKIPPED, false, List.of(), List.of(), null);
        }
    }
}
