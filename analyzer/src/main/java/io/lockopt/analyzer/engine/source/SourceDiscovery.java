package io.lockopt.analyzer.engine.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Region;
import io.lockopt.files.InputFile;

/**
 * Turns the paths given on the command line into the Java sources to scan: directories are
 * walked for {@code *.java} (skipping build output, {@code .git} and hidden directories),
 * {@code .java} files are taken as they are, and sources {@code .jar}/{@code .zip} archives are
 * read in place. The result is sorted by path, so reports do not depend on file system order.
 */
public final class SourceDiscovery {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "build", ".git");

    private final Path baseDirectory;
    private final ExcludeGlobs excludes;

    /**
     * @param baseDirectory reported paths are relative to it (the working directory, normally)
     */
    public SourceDiscovery(Path baseDirectory, ExcludeGlobs excludes) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.excludes = excludes;
    }

    /** @throws AnalysisInputException when a path does not exist or is not something lockopt can scan */
    public SourceSet discover(List<Path> roots) {
        Map<String, SourceInput> inputs = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ZipFile> archives = new ArrayList<>();
        try {
            for (Path root : roots) {
                Optional<Path> loop = InputFile.loopingLink(root);
                if (loop.isPresent()) {
                    throw new AnalysisInputException(loop.get().equals(root) ? root + " is a symbolic link loop"
                            : root + " leads through " + loop.get() + ", a symbolic link loop");
                }
                if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
                    throw new AnalysisInputException("no such file or directory: " + root);
                }
                Path absolute = root.toAbsolutePath().normalize();
                if (Files.isDirectory(absolute)) {
                    walk(absolute, inputs, diagnostics);
                } else if (isArchive(absolute)) {
                    readArchive(absolute, inputs, diagnostics, archives);
                } else if (absolute.getFileName().toString().endsWith(".java")) {
                    String path = relative(absolute);
                    if (!excludes.excludes(path, absolute.getFileName().toString())) {
                        inputs.putIfAbsent(path, new FileSource(path, absolute));
                    }
                } else {
                    throw new AnalysisInputException("not a directory, .java file or sources .jar/.zip: " + root);
                }
            }
        } catch (RuntimeException e) {
            new SourceSet(List.of(), List.of(), archives).close();
            throw e;
        }
        List<SourceInput> sorted = new ArrayList<>(inputs.values());
        sorted.sort(Comparator.comparing(SourceInput::path));
        return new SourceSet(sorted, diagnostics, archives);
    }

    private static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    private void walk(Path root, Map<String, SourceInput> inputs, List<Diagnostic> diagnostics) {
        // A file's reported path is the root's and the path below it: relativizing each file from the base
        // directory again took a third of a warm --cache run's discovery.
        String prefix = root.equals(baseDirectory) ? "" : relative(root) + "/";
        try {
            // A root that is a link to a directory (a checkout's symlinked source tree) is walked where it
            // points, its files still named under the root as given; links below it are not followed.
            Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    return SKIPPED_DIRECTORIES.contains(name) || name.startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && file.getFileName().toString().endsWith(".java")) {
                        String rootPath = start.relativize(file).toString().replace('\\', '/');
                        String path = prefix + rootPath;
                        if (!excludes.excludes(path, rootPath)) {
                            inputs.putIfAbsent(path, new FileSource(path, file));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String path = file.equals(start) || !file.startsWith(start) ? relative(root)
                            : prefix + start.relativize(file).toString().replace('\\', '/');
                    diagnostics.add(new Diagnostic(Diagnostic.Kind.UNREADABLE, path, Region.FILE_START,
                            "cannot read: " + InputFile.describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(Diagnostic.Kind.UNREADABLE, relative(root), Region.FILE_START,
                    "cannot read: " + InputFile.describe(e)));
        }
    }

    private void readArchive(Path archive, Map<String, SourceInput> inputs, List<Diagnostic> diagnostics,
            List<ZipFile> archives) {
        String archivePath = relative(archive);
        ZipFile zip;
        try {
            zip = new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new AnalysisInputException("not a valid jar or zip archive: " + archive);
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(Diagnostic.Kind.UNREADABLE, archivePath, Region.FILE_START,
                    "cannot read: " + InputFile.describe(e)));
            return;
        }
        archives.add(zip);
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory() || !entry.getName().endsWith(".java")) {
                continue;
            }
            String path = archivePath + "!/" + entry.getName();
            if (!excludes.excludes(path, entry.getName())) {
                inputs.putIfAbsent(path, new ArchiveEntrySource(path, zip, entry));
            }
        }
    }

    /** Forward-slash path relative to the base directory ({@code ../x} when outside it). */
    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path relative;
        try {
            relative = baseDirectory.relativize(absolute);
        } catch (IllegalArgumentException e) {
            relative = absolute; // another file system root
        }
        String text = relative.toString().replace('\\', '/');
        return text.isEmpty() ? absolute.getFileName().toString() : text;
    }

    private record FileSource(String path, Path file) implements SourceInput {
        /** Size, times and file id (inode): what git's index compares, ctime included (no tool sets it back). */
        private static final String UNIX_STAMP = "unix:size,lastModifiedTime,ctime,dev,ino";

        /** A link named {@code X.java} to a FIFO or a device is a file problem, not a read without end. */
        @Override
        public byte[] read() throws IOException {
            return InputFile.readAllBytes(file);
        }

        @Override
        public Optional<String> stamp(Instant settledBefore) {
            Map<String, Object> attributes;
            try {
                try {
                    attributes = Files.readAttributes(file, UNIX_STAMP);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    attributes = Files.readAttributes(file, "size,lastModifiedTime"); // no unix view (Windows)
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // read() reports what is wrong with it
            }
            FileTime modified = (FileTime) attributes.get("lastModifiedTime");
            FileTime changed = (FileTime) attributes.getOrDefault("ctime", modified);
            if (modified == null || !modified.toInstant().isBefore(settledBefore)
                    || !changed.toInstant().isBefore(settledBefore)) {
                return Optional.empty();
            }
            return Optional.of(attributes.get("size") + " " + modified.to(TimeUnit.NANOSECONDS) + " "
                    + changed.to(TimeUnit.NANOSECONDS) + " " + attributes.getOrDefault("dev", "-") + " "
                    + attributes.getOrDefault("ino", "-"));
        }
    }

    /** {@link ZipFile} hands out entry streams to concurrent readers safely. */
    private record ArchiveEntrySource(String path, ZipFile zip, ZipEntry entry) implements SourceInput {
        @Override
        public byte[] read() throws IOException {
            try (var in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
