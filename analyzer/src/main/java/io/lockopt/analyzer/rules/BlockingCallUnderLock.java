package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.model.MethodSummary;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.Prescreen;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A call that can block for long (sleep, join, future get, queue put/take, latch and barrier
 * waits, blocking I/O, JDBC, HTTP) made while a lock is held in the same method; and a
 * {@code wait}/{@code await} that releases only its own monitor while another lock stays held
 * (nested monitor lockout). Every other thread needing the lock waits as long as the call.
 * Waits on the held monitor or condition (they release it), zero-timeout polls and lock
 * acquisitions are not blocking calls here. Stream decorators (classes that are themselves
 * streams, readers or writers) lock around the stream they wrap by design, and serialization
 * hooks write to the stream they are given: their I/O calls are not flagged.
 *
 * <p>Confidence: waiting without a bound for another thread under a lock (join, a future, a
 * latch, a bounded queue) is high-confidence, directly or within {@value #MAX_CONFIDENT_CALLS}
 * calls, outside shutdown methods and under a lock other code also takes (a lock only one method
 * takes exists to make its callers wait, one at a time); I/O under a lock is low-confidence, because on real code the
 * lock most often exists to serialize exactly that I/O (a log appender's stream, a connection's
 * socket), and so are sleeps and timed waits (back-offs, grace periods).
 *
 * <p>Through callees too: a call, made while a lock is held, into a scanned method that blocks
 * (itself or further down) is flagged at the call, naming the path
 * ({@code holds OrderBook.lock -> RiskEngine.check -> Thread.sleep}). To see such callees the rule
 * widens the prescreen to files that mention a blocking API by name; a callee whose file names
 * none of them (e.g. only {@code Future.get}) is not seen, which errs on the silent side.
 */
@RuleInfo(summary = "A blocking call (sleep, I/O, Future.get, queue put/take, ...) while holding a lock",
        severity = Severity.WARNING)
public final class BlockingCallUnderLock implements ProjectRule {
    /**
     * Files with locks, and files that make a call that blocks whoever holds a lock around their
     * caller, spelled as the commonest such calls are: {@code Thread.sleep(..)}, {@code TimeUnit.X.sleep(..)},
     * {@code take()}, {@code await(..)}, {@code join()}, {@code waitFor(..)}. A mention of a type is not
     * enough (most code naming a {@code BlockingQueue} only offers and polls). Every keyword is one
     * more scan of every file's text, and parsing every lock-free file to follow every call would
     * cost more than it finds, so rarer blocking APIs (sockets, channels, JDBC, HTTP) are followed
     * into callees only when the callee's file is parsed anyway.
     */
    private static final Prescreen LOCKS_OR_BLOCKING = text -> Prescreen.CONCURRENCY.mayMatter(text)
            || Prescreen.containsAny(text, List.of("Thread.sleep(", "S.sleep(", ".take()", ".await(", ".join()",
                    "waitFor("));

    /**
     * Calls followed into callees for a high-confidence finding; longer paths pass through state
     * checks a static path cannot see (a third of them were infeasible on real code) and are
     * reported with low confidence.
     */
    private static final int MAX_CONFIDENT_CALLS = 3;

    /**
     * Shutting down under the lock and waiting for helper threads to end is mostly deliberate (the
     * lock keeps a second shutdown or a restart out): low confidence there.
     */
    static boolean tearingDown(MethodFacts method) {
        String name = method.name();
        return name.startsWith("close") || name.startsWith("shutdown") || name.startsWith("stop")
                || name.startsWith("dispose") || name.startsWith("destroy") || name.startsWith("terminate");
    }

    @Override
    public Prescreen prescreen() {
        return LOCKS_OR_BLOCKING;
    }

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        Map<io.lockopt.analyzer.facts.LockId, java.util.Set<MethodFacts>> takenIn = new java.util.HashMap<>();
        for (MethodFacts method : model.graph().methods()) {
            for (io.lockopt.analyzer.facts.Acquisition a : method.acquisitions()) {
                takenIn.computeIfAbsent(a.lock().lock(), k -> new java.util.HashSet<>()).add(method);
            }
        }
        for (SourceFile file : files) {
            check(file, model, reporter, lock -> takenIn.getOrDefault(lock, java.util.Set.of()).size() <= 1);
        }
    }

    private static void check(SourceFile file, LockModel model, Reporter reporter,
            java.util.function.Predicate<io.lockopt.analyzer.facts.LockId> dedicated) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CallSite call : method.calls()) {
                CriticalSection section = call.held().innermost();
                if (section != null && call.blocking() == null) {
                    Trace path = model.throughCall(call, MethodSummary::waiting);
                    Confidence confidence = Confidence.HIGH;
                    io.lockopt.analyzer.facts.LockId held = section.lock().lock();
                    if (path != null && PathConditions.infeasible(path, model.graph(), held)) {
                        path = null;
                    }
                    if (path == null || path.depth() > MAX_CONFIDENT_CALLS || tearingDown(method)
                            || dedicated.test(section.lock().lock())) {
                        path = model.throughCall(call, MethodSummary::blocking);
                        confidence = Confidence.LOW;
                        if (path != null && PathConditions.infeasible(path, model.graph(), held)) {
                            path = null;
                        }
                    }
                    if (path != null) {
                        reporter.report(file, call.node(), call.name() + "() blocks in " + path.last().what()
                                + " while " + section.lock().describe() + " (acquired on line "
                                + section.acquisition().line() + ") is held (holds " + section.lock().describe()
                                + " -> " + path.describe() + "), stalling every thread that needs it; move the"
                                + " call out of the critical section.",
                                List.of(acquiredHere(file, section), new Reporter.RelatedLocation(
                                        model.graph().fileOf(path.last().in()), path.last().event(),
                                        path.last().what() + " blocks here")),
                                Map.of("lock", section.lock().lock().name()), confidence);
                    }
                }
                if (call.blocking() != null && section != null && !call.isByDesignIo() && !call.isDoneFuture()
                        && !call.isUnboundedPut() && !PathConditions.infeasible(
                                Trace.event(method, call.node(), call.blocking()), model.graph(), section.lock().lock())) {
                    reporter.report(file, call.node(), call.blocking() + " blocks while " + section.lock().describe()
                            + " (acquired on line " + section.acquisition().line() + ") is held, stalling every"
                            + " thread that needs it; move the call out of the critical section.",
                            List.of(acquiredHere(file, section)),
                            Map.of("lock", section.lock().lock().name()),
                            call.waitsForAnotherThread() && !tearingDown(method) && !dedicated.test(section.lock().lock())
                                    ? Confidence.HIGH : Confidence.LOW);
                }
            }
            for (MonitorCall wait : method.monitorCalls()) {
                CriticalSection section = wait.heldWhileWaiting();
                if (section != null) {
                    String name = wait.node().getNameAsString();
                    reporter.report(file, wait.node(), name + "() on " + wait.target().lock().shortName()
                            + " releases only that "
                            + (wait.kind() == MonitorCall.Kind.WAIT ? "monitor" : "condition's lock")
                            + " while " + section.lock().describe() + " (acquired on line "
                            + section.acquisition().line() + ") stays held, so threads needing it are locked out"
                            + " until the wakeup; release the outer lock before waiting.",
                            List.of(acquiredHere(file, section)),
                            Map.of("lock", section.lock().lock().name()),
                            wait.node().getArguments().isEmpty() ? Confidence.HIGH : Confidence.LOW);
                }
            }
        }
    }

    static Reporter.RelatedLocation acquiredHere(SourceFile file, CriticalSection section) {
        return new Reporter.RelatedLocation(file, section.acquisition().node(),
                section.lock().describe() + " acquired here");
    }
}
