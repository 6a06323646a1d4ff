package io.lockopt.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.Log;

/**
 * Runs an {@link AnalysisJob} in a new JVM ({@link ForkedAnalysis}): the JDK Maven runs on, this
 * plugin's class path (its class realm's jars), the distribution launcher's flags for analyze.
 * The forked JVM's lines are relayed to the Maven log as they come; its standard error goes to
 * Maven's. The job file is deleted afterwards.
 *
 * <p>Why a JVM of its own: in Maven's JVM the analyzer's first run is compiled by both JITs, and
 * C2's work on JavaParser's large generated methods never pays back in a run of a few seconds;
 * the launcher's {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} spend markedly less CPU (figures
 * in docs/performance.md), which is more than the cost of starting the JVM.
 */
final class ForkedJvm {
    /** The distribution launcher's options for analyze (cli/src/dist/bin/lockopt). */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Log log;

    ForkedJvm(Log log) {
        this.log = log;
    }

    AnalysisJob.Outcome run(AnalysisJob job) throws AnalysisJob.JobException {
        Path jobFile = null;
        Process process = null;
        try {
            jobFile = Files.createTempFile("lockopt-job", ".properties");
            try (Writer out = Files.newBufferedWriter(jobFile, StandardCharsets.UTF_8)) {
                job.write(out);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-cp");
            command.add(classPath());
            command.add(ForkedAnalysis.class.getName());
            command.add(jobFile.toString());
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AnalysisJob.Outcome outcome = null;
            String unusable = null;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String kind = line.substring(0, 1);
                    String text = ForkedAnalysis.Protocol.unescape(line.substring(1));
                    switch (kind) {
                        case ForkedAnalysis.Protocol.ERROR -> log.error(text);
                        case ForkedAnalysis.Protocol.WARN -> log.warn(text);
                        case ForkedAnalysis.Protocol.INFO -> log.info(text);
                        case ForkedAnalysis.Protocol.OUTCOME -> outcome = outcome(text);
                        case ForkedAnalysis.Protocol.UNUSABLE -> unusable = text;
                        default -> log.info(line); // not ours: whatever the JVM itself printed
                    }
                }
            }
            int exit = process.waitFor();
            if (unusable != null) {
                throw new AnalysisJob.JobException(unusable, null);
            }
            if (exit != 0 || outcome == null) {
                throw new AnalysisJob.JobException("lockopt: the analysis JVM failed (exit " + exit
                        + "; its error output is above): " + String.join(" ", command.subList(0, 3)) + " ...", null);
            }
            return outcome;
        } catch (IOException e) {
            throw new AnalysisJob.JobException("lockopt: cannot start the analysis JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisJob.JobException("lockopt: interrupted while the analysis JVM ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly(); // the goal gave up on it (interrupted, or a failed read)
            }
            if (jobFile != null) {
                try {
                    Files.deleteIfExists(jobFile);
                } catch (IOException e) {
                    log.debug("lockopt: cannot delete " + jobFile + ": " + e.getMessage());
                }
            }
        }
    }

    private static AnalysisJob.Outcome outcome(String text) {
        String[] parts = text.split(" ");
        return new AnalysisJob.Outcome(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }

    /** The jars of this plugin's class realm: the plugin and its runtime dependencies. */
    private static String classPath() throws AnalysisJob.JobException {
        if (!(ForkedJvm.class.getClassLoader() instanceof URLClassLoader realm)) {
            throw new AnalysisJob.JobException("lockopt: cannot find the plugin's class path to fork a JVM"
                    + " (class loader " + ForkedJvm.class.getClassLoader() + "); set fork to false", null);
        }
        List<String> entries = new ArrayList<>();
        for (URL url : realm.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new AnalysisJob.JobException("lockopt: a class path entry that is no file: " + url, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
