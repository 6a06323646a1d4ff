package io.lockopt.agent.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import io.lockopt.agent.wire.AgentOptions;
import io.lockopt.agent.wire.AlwaysOnOptions;
import io.lockopt.agent.wire.SessionDirectory;

/**
 * Attaches the agent to a running JVM and opens the private channel to it: creates an
 * owner-only session directory with a fresh secret, loads the agent jar through the Attach
 * API with both as its argument, detaches the Attach API at once, and waits for the agent
 * to report ready. Nothing is changed in the target when any step fails before the agent
 * loads; after it loads, the agent removes itself when the client stops, goes away, or the
 * duration ends.
 */
public final class ProfileClient {
    /** How long the agent gets to install its instrumentation and say so. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A session directory untouched for this long is left over (the heartbeat is written every
     * 200 ms, and an agent leaves 10 s after the last one).
     */
    private static final Duration STALE_SESSION = Duration.ofMinutes(2);

    private ProfileClient() {
    }

    /**
     * What to profile and how. {@code jfr}: the agent may stream JFR's monitor events in the
     * target to time the waits of {@code synchronized} methods.
     */
    public record Settings(Duration interval, Duration duration, Duration heartbeatTimeout, List<String> includes,
            List<String> excludes, boolean jfr) {
        public Settings {
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
        }

        /** Settings without JFR (the default: see {@code --jfr}). */
        public Settings(Duration interval, Duration duration, Duration heartbeatTimeout, List<String> includes,
                List<String> excludes) {
            this(interval, duration, heartbeatTimeout, includes, excludes, false);
        }
    }

    /** The agent jar, asked for only once the pid is known to be a JVM one may attach to. */
    @FunctionalInterface
    public interface AgentJarSource {
        Path locate() throws IOException;
    }

    public static ProfileConnection attach(long pid, Path agentJar, Settings settings) throws ProfileException {
        return attach(pid, () -> agentJar, settings);
    }

    /**
     * Checks the pid first, then gets the agent jar: nothing is extracted or created for a pid
     * that is refused.
     */
    public static ProfileConnection attach(long pid, AgentJarSource agentJarSource, Settings settings)
            throws ProfileException {
        long started = System.nanoTime();
        Path temp = temporaryDirectory();
        JavaProcess target = JavaProcess.inspect(pid);
        Path agentJar;
        try {
            agentJar = agentJarSource.locate();
        } catch (IOException e) {
            throw new ProfileException(ProfileException.Problem.IO, "cannot provide the agent jar: " + e.getMessage(), e);
        }
        return open(started, temp, settings, agentJar, (channel, agentArguments) -> {
            load(target, agentJar, agentArguments);
            return new Started(target, null);
        });
    }

    /**
     * {@code --continuous}: loads the agent always on into {@code pid} (JFR events and MXBeans, as
     * {@code -javaagent} would, until the JVM exits) and returns once it runs. No session
     * directory: the agent says it runs through a system property of the target, read by a
     * second attach.
     */
    public static JavaProcess startAlwaysOn(long pid, Path agentJar, List<String> includes, List<String> excludes)
            throws ProfileException {
        JavaProcess target = JavaProcess.inspect(pid);
        if (alwaysOnRunning(target)) {
            throw new ProfileException(ProfileException.Problem.ALREADY_ATTACHED, "pid " + pid
                    + " already runs the lockopt agent always on");
        }
        load(target, agentJar.toAbsolutePath(), AlwaysOnOptions.encode(agentJar.toAbsolutePath(), includes, excludes));
        if (!alwaysOnRunning(target)) {
            throw new ProfileException(ProfileException.Problem.AGENT_FAILED, "the agent did not start in pid " + pid
                    + " (is a lockopt profile session attached? see the target's stderr)");
        }
        return target;
    }

    private static boolean alwaysOnRunning(JavaProcess target) throws ProfileException {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(target.pid()));
            try {
                return "true".equals(vm.getSystemProperties().getProperty(AlwaysOnOptions.RUNNING_PROPERTY));
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw attachRefused(target.pid(), e);
        }
    }

    /**
     * Launch mode: starts {@code command} (a {@code java} command line) with the agent from the
     * start ({@code -javaagent}, inserted right after the java executable), its standard
     * streams the caller's.
     */
    public static ProfileConnection launch(List<String> command, Path agentJar, Settings settings)
            throws ProfileException {
        if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().matches("java(\\.exe)?")) {
            throw new ProfileException(ProfileException.Problem.NOT_A_JVM, "launch mode runs a java command line:"
                    + " lockopt profile [options] -- java [JVM options] MAIN-CLASS|-jar APP.jar [arguments]");
        }
        return open(System.nanoTime(), temporaryDirectory(), settings, agentJar, (channel, agentArguments) -> {
            List<String> full = new ArrayList<>();
            full.add(command.get(0));
            full.add("-javaagent:" + agentJar.toAbsolutePath() + "=" + agentArguments);
            full.addAll(command.subList(1, command.size()));
            Process process;
            try {
                process = new ProcessBuilder(full).inheritIO().start();
            } catch (IOException e) {
                throw new ProfileException(ProfileException.Problem.NO_SUCH_PROCESS,
                        "cannot start " + command.get(0) + ": " + firstLine(e.getMessage()), e);
            }
            String version = JavaProcess.versionOf(process.pid()).orElse("?");
            return new Started(new JavaProcess(process.pid(), String.join(" ", command.subList(1, command.size())),
                    version, JavaProcess.feature(version)), process);
        });
    }

    /** Puts the agent into a target given its argument string; returns the target. */
    @FunctionalInterface
    private interface AgentStarter {
        Started start(SessionDirectory channel, String agentArguments) throws ProfileException;
    }

    /** The target with the agent in it; {@code launched}: the program launch mode started, else null. */
    private record Started(JavaProcess target, Process launched) {
    }

    /**
     * {@code java.io.tmpdir}, where the session directory goes, checked before the pid: a missing
     * one is named as what it is, before any check of the target could be misread for its sake.
     */
    private static Path temporaryDirectory() throws ProfileException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        String problem = !Files.exists(temp) ? "does not exist" : !Files.isDirectory(temp) ? "is not a directory"
                : !Files.isWritable(temp) ? "is not writable" : null;
        if (problem != null) {
            throw new ProfileException(ProfileException.Problem.TEMP_DIRECTORY, "the temporary directory " + temp
                    + " (java.io.tmpdir) " + problem + "; lockopt profile needs it for its session directory:"
                    + " give a writable one with -Djava.io.tmpdir=DIR (LOCKOPT_JAVA_OPTS)");
        }
        return temp;
    }

    /**
     * {@code attachStarted}: when the attach (or launch) began, for the connection's timings;
     * {@code temp}: where the session directory goes.
     */
    private static ProfileConnection open(long attachStarted, Path temp, Settings settings, Path agentJar,
            AgentStarter starter) throws ProfileException {
        if (!Files.isReadable(agentJar)) {
            throw new ProfileException(ProfileException.Problem.IO, "agent jar not found: " + agentJar);
        }
        SessionDirectory channel;
        SessionDirectory.removeStale(temp, STALE_SESSION);
        try {
            channel = SessionDirectory.create(temp);
        } catch (IOException e) {
            throw new ProfileException(ProfileException.Problem.IO, "cannot create a session directory: " + e.getMessage(), e);
        }
        boolean handedOver = false;
        try {
            byte[] secretBytes = new byte[24];
            RANDOM.nextBytes(secretBytes);
            String secret = HexFormat.of().formatHex(secretBytes);
            writeHeartbeat(channel, secret);
            AgentOptions options = new AgentOptions(agentJar.toAbsolutePath(), channel.path(), secret,
                    settings.interval().toMillis(),
                    settings.duration() == null ? 0 : settings.duration().toMillis() + 5_000,
                    settings.heartbeatTimeout().toMillis(), AgentOptions.DEFAULT_MAX_LOCKS, settings.includes(),
                    settings.excludes(), settings.jfr());
            long loadStarted = System.nanoTime();
            Started started = starter.start(channel, options.encode());
            long loadEnded = System.nanoTime();
            Properties ready = awaitReady(started.target(), channel, secret);
            long readyNanos = System.nanoTime();
            handedOver = true;
            return new ProfileConnection(started.target(), started.launched(), channel, secret, ready, attachStarted,
                    readyNanos, AttachTimings.of(attachStarted, loadStarted, loadEnded, readyNanos, ready));
        } catch (IOException e) {
            throw new ProfileException(ProfileException.Problem.IO, "session directory: " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                try {
                    channel.delete();
                } catch (IOException ignored) {
                    // a leftover empty temp directory is harmless
                }
            }
        }
    }

    static void writeHeartbeat(SessionDirectory channel, String secret) throws IOException {
        Properties heartbeat = new Properties();
        heartbeat.setProperty("secret", secret);
        heartbeat.setProperty("time", Long.toString(System.currentTimeMillis()));
        channel.writeProperties(SessionDirectory.HEARTBEAT, heartbeat);
    }

    private static void load(JavaProcess target, Path agentJar, String arguments) throws ProfileException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(target.pid()));
        } catch (AttachNotSupportedException | IOException e) {
            throw attachRefused(target.pid(), e);
        }
        try {
            vm.loadAgent(agentJar.toString(), arguments);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new ProfileException(ProfileException.Problem.AGENT_FAILED, "the agent did not load in pid "
                    + target.pid() + ": " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ProfileException(ProfileException.Problem.AGENT_FAILED, "loading the agent into pid "
                    + target.pid() + " failed: " + firstLine(e.getMessage()), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the attach connection closes with the target anyway
            }
        }
    }

    /**
     * Why {@code VirtualMachine.attach} failed. Only the perf data's capability flag ("does not support
     * the attach mechanism") names {@code -XX:+DisableAttachMechanism}; a JVM that never opens its
     * attach socket ("doesn't respond within 10500ms") may be stopped, hung, or have attach disabled
     * without perf data, and only a stopped one shows in its process state (it may have been stopped
     * after {@link JavaProcess#inspect} looked).
     */
    static ProfileException attachRefused(long pid, Exception e) {
        Optional<String> stopped = JavaProcess.stoppedState(pid);
        if (stopped.isPresent()) {
            return JavaProcess.stopped(pid, stopped.get());
        }
        String detail = firstLine(e.getMessage());
        if (e instanceof AttachNotSupportedException && detail.contains("does not support the attach mechanism")) {
            return new ProfileException(ProfileException.Problem.ATTACH_DISABLED, "cannot attach to pid " + pid
                    + ": the JVM does not accept attach (started with -XX:+DisableAttachMechanism)", e);
        }
        if (e instanceof AttachNotSupportedException) {
            return new ProfileException(ProfileException.Problem.NOT_ANSWERING, "cannot attach to pid " + pid
                    + ": the JVM did not answer the attach (it is hung, or its attach is disabled): " + detail, e);
        }
        return new ProfileException(ProfileException.Problem.ATTACH_DISABLED, "cannot attach to pid " + pid + ": "
                + detail, e);
    }

    private static Properties awaitReady(JavaProcess target, SessionDirectory channel, String secret)
            throws ProfileException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Properties> status = channel.readProperties(SessionDirectory.STATUS)
                    .filter(p -> secret.equals(p.getProperty("secret")));
            if (status.isPresent()) {
                String state = status.get().getProperty("state", "");
                switch (state) {
                    case "ready":
                        return status.get();
                    case "busy":
                        throw new ProfileException(ProfileException.Problem.ALREADY_ATTACHED, "pid " + target.pid()
                                + " is already being profiled by another lockopt session");
                    case "failed":
                    case "detached":
                        String message = status.get().getProperty("message", "?");
                        if (message.contains("target-exit")) {
                            // The JVM is shutting down (a launched command whose main failed): not the agent's fault.
                            throw new ProfileException(ProfileException.Problem.TARGET_EXITED,
                                    "pid " + target.pid() + " exited while the agent was starting");
                        }
                        throw new ProfileException(ProfileException.Problem.AGENT_FAILED, "the agent in pid "
                                + target.pid() + " failed to start: " + message);
                    default:
                        break;
                }
            }
            if (!ProcessHandle.of(target.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new ProfileException(ProfileException.Problem.TARGET_EXITED,
                        "pid " + target.pid() + " exited while the agent was starting");
            }
            try {
                writeHeartbeat(channel, secret);
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProfileException(ProfileException.Problem.NO_RESPONSE, "interrupted while attaching");
            }
        }
        throw new ProfileException(ProfileException.Problem.NO_RESPONSE, "the agent in pid " + target.pid()
                + " did not report ready within " + READY_TIMEOUT.toSeconds() + " s (see the target's stderr)");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
