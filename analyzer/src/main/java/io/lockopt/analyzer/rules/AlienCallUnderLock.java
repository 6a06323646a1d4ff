package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.model.AlienCalls;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.MethodSummary;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A listener, callback or functional-interface field or parameter (or an element of a field's
 * collection of them) called while a lock is held, directly or in a scanned callee: the caller
 * cannot know what that code does — it may block, take other locks (deadlock) or call back in.
 * Lambdas written in the same method, executors (a hand-off), comparators and suppliers are
 * not alien (see {@link AlienCalls}).
 */
@RuleInfo(summary = "A listener or callback called while holding a lock (make it an open call)",
        severity = Severity.WARNING)
public final class AlienCallUnderLock implements ProjectRule {

    /**
     * Calls followed for a high-confidence finding. High confidence needs registered listeners
     * (an element of a field's collection): a single callback field or parameter is most often
     * the class's own collaborator or a function whose contract runs it under the lock
     * ({@code Map.compute}, a cache's synchronous listener), so those are low confidence.
     */
    private static final int MAX_CONFIDENT_CALLS = 3;

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        for (SourceFile file : files) {
            for (MethodFacts method : LockFacts.of(file).methods()) {
                for (CallSite call : method.calls()) {
                    CriticalSection section = call.held().innermost();
                    if (section == null) {
                        continue;
                    }
                    String what;
                    List<Reporter.RelatedLocation> related = new ArrayList<>();
                    related.add(BlockingCallUnderLock.acquiredHere(file, section));
                    Confidence confidence = Confidence.LOW;
                    if (AlienCalls.isAlien(call)) {
                        what = AlienCalls.describe(call) + " runs code this class does not control";
                        if (call.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD) {
                            confidence = Confidence.HIGH;
                        }
                    } else {
                        Trace path = model.throughCall(call, MethodSummary::listenerCall);
                        if (path != null && path.depth() <= MAX_CONFIDENT_CALLS) {
                            confidence = Confidence.HIGH;
                        } else {
                            path = model.throughCall(call, MethodSummary::alien);
                        }
                        if (path == null || PathConditions.infeasible(path, model.graph(), section.lock().lock())) {
                            continue; // e.g. addMatch(.., notifyListeners = false) under the lock
                        }
                        what = call.name() + "() calls " + path.last().what() + " (" + path.describe()
                                + "), code this class does not control,";
                        related.add(new Reporter.RelatedLocation(model.graph().fileOf(path.last().in()),
                                path.last().event(), path.last().what() + " called here"));
                    }
                    reporter.report(file, call.node(), what + " while " + section.lock().describe()
                            + " (acquired on line " + section.acquisition().line() + ") is held, so it can block,"
                            + " take other locks or call back in; copy what it needs, release the lock, then call it.",
                            related, Map.of("lock", section.lock().lock().name()), confidence);
                }
            }
        }
    }
}
