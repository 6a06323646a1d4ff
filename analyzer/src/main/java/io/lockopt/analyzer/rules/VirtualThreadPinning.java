package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * On JDK 21 to 23 a virtual thread that blocks inside {@code synchronized} (a blocking call,
 * or {@code wait()}) pins its carrier thread: the carrier cannot run other virtual threads
 * until the call returns. JEP 491 (JDK 24) removes this, so the rule fires only when the
 * configured target JDK is 21, 22 or 23. {@code java.util.concurrent} locks never pin.
 */
@RuleInfo(summary = "A blocking call inside synchronized pins virtual threads on JDK 21-23", severity = Severity.NOTE)
public final class VirtualThreadPinning implements FileRule {
    private static final int FIRST_PINNING_JDK = 21;
    private static final int FIRST_FIXED_JDK = 24;

    @Override
    public void check(SourceFile file, Reporter reporter) {
        int jdk = file.settings().targetJdk();
        if (jdk < FIRST_PINNING_JDK || jdk >= FIRST_FIXED_JDK) {
            return;
        }
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CallSite call : method.calls()) {
                CriticalSection monitor = call.held().innermostMonitor();
                if (call.blocking() != null && monitor != null) {
                    report(file, reporter, call.node(), call.blocking(), monitor, jdk);
                }
            }
            for (MonitorCall wait : method.monitorCalls()) {
                CriticalSection monitor = wait.held().innermostMonitor();
                if (wait.kind().isWait() && !wait.zeroTimeout() && !wait.onLockObject() && monitor != null) {
                    report(file, reporter, wait.node(), wait.node().getNameAsString() + "()", monitor, jdk);
                }
            }
        }
    }

    private static void report(SourceFile file, Reporter reporter, com.github.javaparser.ast.Node at, String what,
            CriticalSection monitor, int jdk) {
        reporter.report(file, at, what + " inside synchronized on " + monitor.lock().describe() + " (line "
                + monitor.acquisition().line() + ") pins a virtual thread's carrier on JDK " + jdk
                + "; use a ReentrantLock for this section, move the call out, or target JDK 24+ (JEP 491).",
                List.of(BlockingCallUnderLock.acquiredHere(file, monitor)),
                Map.of("lock", monitor.lock().lock().name()));
    }
}
