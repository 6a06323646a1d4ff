package io.lockopt.cli.profile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.StaticFindings;
import io.lockopt.agent.client.AttachTimings;
import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.client.JfrRecordingReader;
import io.lockopt.agent.client.ProfileClient;
import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.client.ProfileException;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.cli.AdviceInputs;
import io.lockopt.cli.DurationConverter;
import io.lockopt.cli.ExitCodes;
import io.lockopt.cli.Interruption;
import io.lockopt.cli.ReportFileOptions;
import io.lockopt.cli.UserInputException;
import io.lockopt.profile.ProfileReport;
import io.lockopt.profile.ProfileReportBuilder;
import io.lockopt.profile.ReportFiles;
import io.lockopt.profile.ReportText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lockopt profile}: attaches the agent to a running JVM by pid, shows the top locks
 * every interval, and at the end prints the ranked report and writes JSON and HTML. The
 * agent removes its instrumentation when the profile ends (or when this process goes away).
 */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        subcommands = ProfileMergeCommand.class,
        sortOptions = false,
        description = {
            "Measure lock contention in a running JVM: attach by pid, record per lock instance "
                + "(wait and hold times, contention, read/write split, waiting sites, lock order), detach.",
            "",
            "The target keeps running untouched after the profile: every transformation is removed. "
                + "On Java 21+ the target prints a warning about dynamically loaded agents (JEP 451) unless "
                + "it was started with -XX:+EnableDynamicAgentLoading; lockopt never changes its flags."
        },
        footer = {"", DurationConverter.HELP, "",
            "Exit codes: 0 done; 2 bad input (no such pid, not a JVM, a stopped JVM, ...) or a launched program that "
                + "exited with a code other than 0; 3 the agent did not start or answer; 130/143 interrupted (Ctrl-C, "
                + "SIGTERM): the agent leaves as at the end, and the report covers the time until then."})
public final class ProfileCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Until the first data arrives (during the first interval), polled this often: the time to
     * first data is measured to this precision.
     */
    private static final Duration FIRST_DATA_POLL = Duration.ofMillis(20);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a launched program whose agent saw it exit may take to finish exiting. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    /**
     * After Ctrl-C or SIGTERM, how long the agent gets to detach and send its last snapshot (usually
     * well under a second), and how long the whole report may hold the exit: a service manager kills
     * a process that takes too long to stop (Docker after 10 s).
     */
    private static final Duration INTERRUPTED_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(8);
    /** An attach at least this long says where its time went. */
    static final Duration SLOW_ATTACH = Duration.ofSeconds(1);
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "Launch mode: after --, a java command line to start with the agent from the start "
                + "and profile until it exits (or --duration, when given). A program that exits with a code other "
                + "than 0 is named with its code after the report, and lockopt exits 2.")
    List<String> command = new ArrayList<>();

    static final class Target {
        @Option(names = "--list", required = true, description = "List the JVMs you can attach to and exit.")
        boolean list;

        @Option(names = "--pid", required = true, paramLabel = "PID", description = "The JVM to profile.")
        Long pid;

        @Option(names = "--jfr-file", required = true, paramLabel = "FILE",
                description = "Build the report from a JFR recording of a JVM run with the agent always on "
                    + "(-javaagent:lockopt-agent.jar) instead of attaching.")
        Path jfrFile;
    }

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to profile (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to show the live top-locks table (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--include", paramLabel = "PACKAGE", split = ",",
            description = "Instrument only these packages or classes (default: everything but the JDK and lockopt).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PACKAGE", split = ",",
            description = "Do not instrument these packages or classes.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--jfr", description = "Also measure the waits of synchronized methods, with a JFR stream "
            + "in the target (without it their acquisitions and holds are measured, their waits are not). Off by "
            + "default: JFR, once started, leaves two daemon threads running in the target after the session, "
            + "and its chunk files are as readable as the target's umask makes them while it runs.")
    boolean jfr;

    @Option(names = "--continuous", description = "With --pid: leave the agent in the target always on (JFR events "
            + "io.lockopt.*, MXBeans io.lockopt:type=Lock, as -javaagent:lockopt-agent.jar would) and return at once; "
            + "it stays until the JVM exits. --include and --exclude apply.")
    boolean continuous;

    /** Counted down by the shutdown hook on Ctrl-C or SIGTERM: the profile ends and reports what it has. */
    private final CountDownLatch interrupted = new CountDownLatch(1);
    /** The attached session, once {@link #handOver} made it the shutdown hook's to wait for. */
    private ProfileConnection session;
    /** The command said the profile was interrupted (the hook need not). */
    private volatile boolean saidInterrupted;

    @Mixin
    TopLocksOption topLocks;

    @Mixin
    ReportFileOptions reportFiles;

    @Option(names = "--source", paramLabel = "DIR", description = "The target's sources: each top lock shows the "
            + "static findings of lockopt analyze on it, and the advice weighs them.")
    Path source;

    @Option(names = "--calibration", paramLabel = "FILE", description = "A calibration from lockopt bench --calibrate "
            + "for the advice's thresholds (default: the one shipped, see docs/advice.md).")
    Path calibration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean launch = !command.isEmpty();
        if (target == null && !launch) {
            throw new UserInputException("give --pid PID, --list, --jfr-file FILE, or -- java ... to launch a program");
        }
        if (target != null && launch) {
            throw new UserInputException("--pid, --list or --jfr-file and a command to launch exclude each other");
        }
        List<Path> read = new java.util.ArrayList<>();
        if (target != null && target.jfrFile != null) {
            read.add(target.jfrFile);
        }
        if (calibration != null) {
            read.add(calibration);
        }
        reportFiles.requireApart(read);
        if (target != null && target.list) {
            listJvms(out);
            return ExitCodes.OK;
        }
        topLocks.count(); // checked before attaching
        if (target != null && target.jfrFile != null) {
            return reportRecording(target.jfrFile, out, err);
        }
        if (continuous) {
            return leaveAlwaysOn(err);
        }
        // A launched program is profiled until it exits unless --duration says otherwise.
        Duration limit = launch && !spec.commandLine().getParseResult().hasMatchedOption("--duration") ? null
                : duration;
        AdviceModel model = AdviceInputs.model(calibration);
        StaticFindings findings = AdviceInputs.findings(source);
        ProfileClient.Settings settings = new ProfileClient.Settings(intervalForAgent(), limit,
                HEARTBEAT_TIMEOUT, includes, excludes, jfr);
        // Ctrl-C or SIGTERM: from the attach on, this hook holds the JVM's exit while the command ends the
        // session as at a normal end and reports what it measured; before, there is nothing to report.
        Thread onInterrupt = new Thread(this::onInterrupt, "lockopt-profile-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            ProfileConnection connection;
            long attachStart = System.nanoTime();
            try {
                connection = launch ? ProfileClient.launch(command, AgentJar.locate(), settings)
                        : ProfileClient.attach(target.pid, AgentJar::locate, settings);
            } catch (ProfileException e) {
                throw asCommandError(e);
            }
            try (connection) {
                if (!handOver(connection)) {
                    // Interrupted while attaching: the JVM exits with the signal's code; closing removes the
                    // session directory, which sends the agent away.
                    return ExitCodes.OK;
                }
                return profileAndReport(connection, launch, limit, attachStart, model, findings);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    private int profileAndReport(ProfileConnection connection, boolean launch, Duration limit, long attachStart,
            AdviceModel model, StaticFindings findings) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JavaProcess process = connection.target();
        if (!launch && process.feature() >= 21) {
            err.printf(Locale.ROOT, "note: pid %d runs Java %s: it logs a warning about a dynamically loaded"
                    + " agent (JEP 451) unless started with -XX:+EnableDynamicAgentLoading;"
                    + " lockopt does not change its flags%n", process.pid(), process.javaVersion());
        }
        err.printf(Locale.ROOT, "%s pid %d (%s, Java %s) in %d ms%s: %s; profiling %s%n",
                launch ? "started" : "attached to", process.pid(), process.mainClass(), process.javaVersion(),
                (System.nanoTime() - attachStart) / 1_000_000, whereTheTimeWent(connection.attachTimings(), launch),
                connection.readyMessage(), limit == null ? "until it exits" : "for " + describe(limit));
        err.flush();
        String ended = profile(connection, err, limit, model);
        boolean cut = interrupted.getCount() == 0;
        // The agent is stopped as at a normal end (classes restored, threads ended), in less time when
        // interrupted: a shutdown may not wait long.
        Snapshot last = connection.stop(cut ? INTERRUPTED_STOP_TIMEOUT : STOP_TIMEOUT);
        if (last == null) {
            throw new IllegalStateException("the agent in pid " + process.pid() + " sent no data" + ended);
        }
        // Without the agent's last snapshot (kill -9 of the target, an agent that did not answer in
        // time) the reason is what the client saw.
        String endReason = !last.last() ? connection.targetAlive() ? "no-answer" : "target-gone"
                : cut ? "interrupted" : last.endReason();
        ProfileReport report = ProfileReportBuilder.build(process, last, connection.attachTime(),
                connection.timeToFirstData().orElse(null), endReason, model, findings);
        ReportText.finalReport(reportFiles.textOut(spec.commandLine()), report, topLocks.count());
        ReportFiles.write(report, reportFiles.json(), reportFiles.html(), out, err);
        if (!last.last()) {
            err.printf(Locale.ROOT, "note: the report holds the data up to the last snapshot%s%n", ended);
        }
        Optional<Integer> exitCode = Optional.empty();
        if (launch) {
            boolean exiting = !connection.targetAlive() || last.last() && "target-exit".equals(last.endReason());
            exitCode = connection.exitCode(exiting ? EXIT_WAIT : Duration.ZERO);
            if (exitCode.isEmpty()) {
                err.printf(Locale.ROOT, "note: the launched program keeps running (pid %d)%n", process.pid());
            }
        }
        if (cut) {
            err.printf(Locale.ROOT, "lockopt profile: interrupted; the report covers the %.1f s profiled until then%n",
                    report.session().durationNanos() / 1e9);
            saidInterrupted = true;
        }
        out.flush();
        err.flush();
        if (!cut && exitCode.isPresent() && exitCode.get() != 0) {
            // The program failed: a profile of it is no success, whatever the report holds.
            throw new UserInputException("the launched program (pid " + process.pid() + ") exited with code "
                    + exitCode.get() + "; the report covers its run");
        }
        return ExitCodes.OK;
    }

    /**
     * The attached session becomes the interrupt's to wait for, unless an interrupt came during the
     * attach (then false). One lock with {@link #onInterrupt()}: either the hook sees the session, or
     * this sees the interrupt and {@link Interruption} is left to say it.
     */
    private synchronized boolean handOver(ProfileConnection connection) {
        if (interrupted.getCount() == 0) {
            return false;
        }
        session = connection;
        Interruption.toldByTheCommand();
        return true;
    }

    /**
     * The shutdown hook: tells the command to end its profile, then holds the JVM's exit until the
     * command has reported (its lines printed, its files written whole), for at most
     * {@link #INTERRUPT_GRACE}. Past that the session is abandoned, so that the agent leaves at once
     * rather than when the heartbeat goes stale.
     */
    private void onInterrupt() {
        ProfileConnection attached;
        synchronized (this) {
            interrupted.countDown();
            attached = session;
        }
        if (attached == null) {
            return; // still attaching: nothing to report, Interruption says "lockopt: interrupted"
        }
        try {
            if (!Interruption.awaitFinished(INTERRUPT_GRACE)) {
                attached.abandon(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!saidInterrupted) {
            // The interrupt came after the profile had ended (while reporting), or the report failed.
            PrintWriter err = spec.commandLine().getErr();
            err.println("lockopt: interrupted");
            err.flush();
        }
    }

    /**
     * For an attach slower than {@link #SLOW_ATTACH}, where its time went, e.g. " (checks and agent
     * jar 12 ms, attach and agent load 1830 ms, agent start 410 ms, instrumentation 1404 ms, waiting
     * for ready 30 ms)"; empty for a quick one.
     */
    static String whereTheTimeWent(AttachTimings timings, boolean launch) {
        if (timings.total().compareTo(SLOW_ATTACH) < 0) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (checks and agent jar ").append(timings.preparation().toMillis())
                .append(" ms, ").append(launch ? "process start " : "attach and agent load ")
                .append(timings.load().toMillis()).append(" ms");
        Duration rest = timings.untilReady();
        if (timings.agentStart().isPresent() && timings.instrumentation().isPresent()) {
            text.append(", agent start ").append(timings.agentStart().get().toMillis()).append(" ms, instrumentation ")
                    .append(timings.instrumentation().get().toMillis()).append(" ms");
            rest = rest.minus(timings.agentStart().get()).minus(timings.instrumentation().get());
            text.append(", waiting for ready ").append(Math.max(0, rest.toMillis())).append(" ms");
        } else {
            text.append(", agent start and instrumentation ").append(rest.toMillis()).append(" ms");
        }
        return text.append(')').toString();
    }

    /** A user's error (no such pid, not a JVM, ...) is an input error; anything else a runtime failure. */
    private static RuntimeException asCommandError(ProfileException e) {
        return e.problem().isUserError() ? new UserInputException(e.getMessage(), e)
                : new IllegalStateException(e.getMessage(), e);
    }

    /** {@code --pid N --continuous}: the agent loaded always on, nothing to wait for. */
    private int leaveAlwaysOn(PrintWriter err) throws IOException {
        if (target == null || target.pid == null) {
            throw new UserInputException("--continuous needs --pid PID");
        }
        JavaProcess process;
        try {
            process = ProfileClient.startAlwaysOn(target.pid, AgentJar.locate(), includes, excludes);
        } catch (ProfileException e) {
            throw asCommandError(e);
        }
        err.printf(Locale.ROOT, "lockopt agent always on in pid %d (%s) until it exits: JFR events io.lockopt.*, "
                + "MXBeans io.lockopt:type=Lock,name=...%n", process.pid(), process.mainClass());
        return ExitCodes.OK;
    }

    /** {@code --jfr-file}: the report of what the always-on agent recorded, built as a session's is. */
    private int reportRecording(Path file, PrintWriter out, PrintWriter err) throws IOException {
        JfrRecordingReader.Recording recording;
        try {
            recording = JfrRecordingReader.read(file);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        ProfileReport report = ProfileReportBuilder.build(recording.target(), recording.snapshot(), null, null,
                recording.snapshot().endReason(), AdviceInputs.model(calibration), AdviceInputs.findings(source));
        ReportText.finalReport(reportFiles.textOut(spec.commandLine()), report, topLocks.count());
        ReportFiles.write(report, reportFiles.json(), reportFiles.html(), out, err);
        return ExitCodes.OK;
    }

    /** Polls and heartbeats until the duration ends, the target exits, the agent finishes or an interrupt. */
    private String profile(ProfileConnection connection, PrintWriter err, Duration limit, AdviceModel model)
            throws IOException, InterruptedException {
        long deadline = limit == null ? 0L : System.nanoTime() + limit.toNanos();
        long nextTable = System.nanoTime() + interval.toNanos();
        long firstInterval = nextTable;
        while (limit == null || System.nanoTime() - deadline < 0) {
            boolean awaitingData = connection.timeToFirstData().isEmpty() && System.nanoTime() - firstInterval < 0;
            if (interrupted.await((awaitingData ? FIRST_DATA_POLL : POLL).toMillis(), TimeUnit.MILLISECONDS)) {
                return "";
            }
            connection.heartbeat();
            connection.poll();
            if (!connection.targetAlive()) {
                return " (the target exited)";
            }
            if (connection.finished()) {
                return "";
            }
            if (System.nanoTime() >= nextTable && connection.latest() != null) {
                nextTable = System.nanoTime() + interval.toNanos();
                ReportText.liveTable(err, ProfileReportBuilder.build(connection.target(), connection.latest(), null,
                        null, connection.latest().endReason(), model, StaticFindings.NONE), topLocks.count());
            }
        }
        return "";
    }

    /** Snapshots come a little more often than the table so that each table shows fresh data. */
    private Duration intervalForAgent() {
        Duration half = interval.dividedBy(2);
        return half.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : half;
    }

    private static void listJvms(PrintWriter out) {
        List<JavaProcess> processes = JavaProcess.list();
        out.printf(Locale.ROOT, "%-8s %-12s %s%n", "PID", "JAVA", "MAIN CLASS");
        for (JavaProcess process : processes) {
            out.printf(Locale.ROOT, "%-8d %-12s %s%n", process.pid(), process.javaVersion(), process.mainClass());
        }
        if (processes.isEmpty()) {
            out.println("(no attachable JVM of this user is running)");
        }
        out.flush();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
