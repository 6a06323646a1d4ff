package io.lockopt.agent.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

/**
 * A local JVM the current user might attach to: pid, main class, Java version. The version
 * is read without attaching where possible (the {@code release} file of the JDK the process
 * runs, found through {@code /proc/PID/exe}), so listing JVMs leaves them untouched.
 *
 * @param javaVersion the full version string, or {@code "?"} when it cannot be read
 * @param feature the feature release (17, 21, 25), or 0 when unknown
 */
public record JavaProcess(long pid, String mainClass, String javaVersion, int feature) {
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"]+)\"?$",
            Pattern.MULTILINE);

    /** The JVMs that the attach mechanism lists for this user, except this one, by pid. */
    public static List<JavaProcess> list() {
        long self = ProcessHandle.current().pid();
        List<JavaProcess> processes = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid;
            try {
                pid = Long.parseLong(descriptor.id());
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid == self) {
                continue;
            }
            String version = versionOf(pid).orElse("?");
            processes.add(new JavaProcess(pid, mainClassOf(descriptor.displayName()), version, feature(version)));
        }
        processes.sort(Comparator.comparingLong(JavaProcess::pid));
        return processes;
    }

    /**
     * Checks that {@code pid} is a JVM this user can attach to, with one clear reason when not.
     */
    public static JavaProcess inspect(long pid) throws ProfileException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            throw new ProfileException(ProfileException.Problem.NO_SUCH_PROCESS, "no process with pid " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new ProfileException(ProfileException.Problem.NOT_A_JVM,
                    "pid " + pid + " is lockopt itself; give the pid of the JVM to profile");
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = handle.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me)) {
            throw new ProfileException(ProfileException.Problem.OTHER_USER, "pid " + pid + " belongs to user "
                    + owner.get() + "; lockopt can only attach to JVMs of its own user (" + me + ")");
        }
        VirtualMachineDescriptor listed = null;
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(Long.toString(pid))) {
                listed = descriptor;
                break;
            }
        }
        if (listed == null) {
            Evidence evidence = evidenceOf(pid);
            if (evidence == Evidence.NOT_A_JVM) {
                throw new ProfileException(ProfileException.Problem.NOT_A_JVM,
                        "pid " + pid + " is not a Java virtual machine (" + commandOf(handle.get()) + ")");
            }
            if (evidence == Evidence.NOT_ACCESSIBLE) {
                throw new ProfileException(ProfileException.Problem.NOT_A_JVM, "pid " + pid
                        + " is not a Java virtual machine or not accessible to user " + me + " ("
                        + commandOf(handle.get()) + "; neither its memory map nor its executable can be read, and"
                        + " it has no Java performance-data file)");
            }
        }
        Optional<String> stopped = stoppedState(pid);
        if (stopped.isPresent()) {
            throw stopped(pid, stopped.get());
        }
        String version = versionOf(pid).orElse("?");
        int feature = feature(version);
        if (feature > 0 && feature < 17) {
            throw new ProfileException(ProfileException.Problem.UNSUPPORTED_JAVA,
                    "pid " + pid + " runs Java " + version + "; lockopt profile needs Java 17 or newer");
        }
        return new JavaProcess(pid, listed == null ? "?" : mainClassOf(listed.displayName()), version, feature);
    }

    /**
     * The state line of {@code pid} ({@code /proc/PID/status}, e.g. "T (stopped)") when the process is
     * stopped or held by a debugger; empty when it runs or the OS does not say. A stopped JVM cannot
     * answer an attach: HotSpot's attach waits 10 s for it and then blames the attach mechanism, and
     * the signal that asks for the attach stays pending, so the JVM prints a thread dump once resumed.
     */
    static Optional<String> stoppedState(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.startsWith("State:")).findFirst()
                    .map(line -> line.substring("State:".length()).strip())
                    .filter(state -> state.startsWith("T") || state.startsWith("t"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    static ProfileException stopped(long pid, String state) {
        return new ProfileException(ProfileException.Problem.NOT_ANSWERING, "pid " + pid + " is stopped (State: " + state
                + "; kill -STOP, Ctrl-Z or a debugger) and cannot answer an attach; resume it (kill -CONT " + pid
                + ") and try again");
    }

    /** The Java version of {@code pid} read from its JDK's {@code release} file, when the OS shows it. */
    static Optional<String> versionOf(long pid) {
        try {
            Path exe = Path.of("/proc", Long.toString(pid), "exe").toRealPath();
            Path release = exe.getParent().getParent().resolve("release");
            String text = Files.readString(release, StandardCharsets.UTF_8);
            Matcher matcher = RELEASE_VERSION.matcher(text);
            return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** 17 for "17.0.15", 8 for "1.8.0_402", 25 for "25", 0 when it cannot tell. */
    static int feature(String version) {
        Matcher matcher = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!matcher.find()) {
            return 0;
        }
        int first = Integer.parseInt(matcher.group(1));
        if (first == 1 && matcher.group(2) != null) {
            return Integer.parseInt(matcher.group(2));
        }
        return first;
    }

    /** What can be read about a process that the attach list does not show. */
    private enum Evidence {
        JVM,
        NOT_A_JVM,
        /** Nothing says either way, and nothing of it can be read: an attach would only hang. */
        NOT_ACCESSIBLE,
        /** No {@code /proc} (not Linux): the attach attempt decides. */
        UNKNOWN
    }

    /**
     * Decides without attaching: the memory map says JVM when it holds {@code libjvm.so}, not a
     * JVM otherwise; when it cannot be read, a HotSpot performance-data file
     * ({@code hsperfdata_USER/PID} in the temp directory, any user) says JVM, and the executable
     * says JVM when it lies in a JDK, not a JVM otherwise. Attaching to
     * a process that is not a JVM costs a signal to it and a 10 s wait for a socket that never comes.
     */
    private static Evidence evidenceOf(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            return hasPerfData(pid) ? Evidence.JVM : Evidence.UNKNOWN;
        }
        try (var lines = Files.lines(proc.resolve("maps"), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so")) ? Evidence.JVM : Evidence.NOT_A_JVM;
        } catch (IOException | java.io.UncheckedIOException e) {
            // not readable (another user's or a protected process): ask the perf data, then its executable
        }
        if (hasPerfData(pid)) {
            return Evidence.JVM;
        }
        try {
            Path exe = proc.resolve("exe").toRealPath();
            Path home = exe.getParent() == null ? null : exe.getParent().getParent();
            boolean jdk = home != null && (Files.exists(home.resolve("lib/server/libjvm.so"))
                    || Files.exists(home.resolve("release")));
            return jdk ? Evidence.JVM : Evidence.NOT_A_JVM;
        } catch (IOException | RuntimeException e) {
            return Evidence.NOT_ACCESSIBLE;
        }
    }

    /**
     * HotSpot writes its perf data under the OS's temp directory ({@code /tmp} on Linux) whatever
     * {@code java.io.tmpdir} says, so both are looked at: a client with another (or a missing)
     * {@code java.io.tmpdir} must not take a JVM for something else.
     */
    private static boolean hasPerfData(long pid) {
        for (String temp : new java.util.LinkedHashSet<>(List.of(System.getProperty("java.io.tmpdir"), "/tmp"))) {
            try (var users = Files.newDirectoryStream(Path.of(temp), "hsperfdata_*")) {
                for (Path user : users) {
                    if (Files.exists(user.resolve(Long.toString(pid)))) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not there: the next place
            }
        }
        return false;
    }

    /** The program's name: from the process table, else {@code /proc/PID/comm}, else "unknown program". */
    private static String commandOf(ProcessHandle handle) {
        Optional<String> command = handle.info().command().map(c -> Path.of(c).getFileName().toString());
        if (command.isPresent()) {
            return command.get();
        }
        try {
            return Files.readString(Path.of("/proc", Long.toString(handle.pid()), "comm"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException | RuntimeException e) {
            return "unknown program";
        }
    }

    private static String mainClassOf(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return "?";
        }
        String first = displayName.strip().split("\\s+")[0];
        return first;
    }
}
