package io.lockopt.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lockopt.agent.client.ProfileClient;
import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.targets.LockWorkloads;

/**
 * A separate JVM running {@link LockWorkloads}, started with a given {@code java}
 * executable; the test talks to it line by line. Closing it asks it to exit, then kills it.
 */
final class TargetJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder errors = new StringBuilder();

    private TargetJvm(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    static TargetJvm start(Path java, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xshare:auto");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        // Only the workload classes: the agent must come from its own jar, as in production.
        command.add(Path.of(LockWorkloads.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        command.add(LockWorkloads.class.getName());
        TargetJvm target = new TargetJvm(new ProcessBuilder(command).start());
        target.expect("READY", Duration.ofSeconds(30));
        return target;
    }

    /** The agent jar under test, built before the tests (process-classes). */
    static Path agentJar() {
        return Path.of(System.getProperty("lockopt.agent.jar", "target/agent.jar"));
    }

    /** The lock labelled {@code label} in {@code snapshot}; fails the test when there is none. */
    static Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return snapshot.locks().stream().filter(l -> label.equals(l.label())).findFirst()
                .orElseThrow(() -> new AssertionError("no lock labelled " + label + " in "
                        + snapshot.locks().stream().map(Snapshot.LockStats::label).toList()));
    }

    /** The JVMs to test against: this one, and Java 25 when installed. */
    static List<Path> javas() {
        List<Path> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        String java25Home = System.getProperty("lockopt.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path java25 = Path.of(java25Home, "bin", "java");
        if (Files.isExecutable(java25)) {
            javas.add(java25);
        }
        return javas;
    }

    long pid() {
        return process.pid();
    }

    /** Attaches a profile session to this target, writing a snapshot every 200 ms (a minute's heartbeat grace). */
    ProfileConnection attachWithSnapshotsEvery200ms() throws Exception {
        return ProfileClient.attach(pid(), agentJar(), new ProfileClient.Settings(Duration.ofMillis(200), null,
                Duration.ofSeconds(60), List.of(), List.of()));
    }

    /** As {@link #attachWithSnapshotsEvery200ms}, with synchronized methods' waits measured through JFR. */
    ProfileConnection attachWithJfrAndSnapshotsEvery200ms() throws Exception {
        return ProfileClient.attach(pid(), agentJar(), new ProfileClient.Settings(Duration.ofMillis(200), null,
                Duration.ofSeconds(60), List.of(), List.of(), true));
    }

    /** JFR starts in the background: waits before its recording runs are not seen. */
    static void awaitJfr(ProfileConnection connection) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            connection.heartbeat();
            Optional<Snapshot> snapshot = connection.poll();
            if (snapshot.isPresent()) {
                state = snapshot.get().counters().synchronizedMethodWaits();
                if (Snapshot.Counters.WAITS_FROM_JFR.equals(state)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("JFR did not start; synchronized-method waits: " + state);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void send(String command) {
        commands.println(command);
    }

    /** Waits for the next line starting with {@code prefix}, skipping others. */
    String expect(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("target did not print '" + prefix + "' within " + timeout
                        + "; alive=" + process.isAlive() + "; stderr:\n" + stderr());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Runs a command and returns its answer line. */
    String ask(String command, String answerPrefix) throws InterruptedException {
        send(command);
        return expect(answerPrefix, Duration.ofSeconds(60));
    }

    String stderr() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    /** The value of {@code key=} in a line like {@code TRUTH wait=1 hold=2}. */
    static long value(String line, String key) {
        for (String word : line.split("\\s+")) {
            if (word.startsWith(key + "=")) {
                return Long.parseLong(word.substring(key.length() + 1));
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            send("exit");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void pump(BufferedReader reader, boolean toLines) {
        Thread thread = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (toLines) {
                        lines.add(line);
                    } else {
                        synchronized (errors) {
                            errors.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "target-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
