package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code synchronized} on a {@code java.util.concurrent} lock or condition: that uses the object's
 * built-in monitor, which has nothing to do with the lock it implements, so it excludes nobody who
 * uses {@code lock()}. {@code wait()}/{@code notify()} called on one is {@link MonitorMethodOnCondition}'s.
 */
@RuleInfo(summary = "synchronized on a java.util.concurrent Lock or Condition",
        severity = Severity.ERROR)
public final class MonitorOnLockObject implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                LockKind kind = LockKind.ofType(acquisition.targetType());
                if (acquisition.node() instanceof SynchronizedStmt sync && kind != null) {
                    reporter.report(file, sync, "This synchronizes on the monitor of " + acquisition.lock().describe()
                            + ", a " + simple(acquisition.targetType()) + ", which does not exclude code that uses"
                            + " the lock itself; " + useInstead(kind) + " instead.", List.of(),
                            Map.of("lock", acquisition.lock().lock().name()));
                }
            }
        }
    }

    private static String useInstead(LockKind kind) {
        return switch (kind) {
            case LOCK -> "call its lock() and unlock() in a try/finally";
            case READ_WRITE_LOCK -> "take its readLock() or writeLock() with lock() and unlock() in a try/finally";
            case STAMPED_LOCK -> "take a readLock() or writeLock() stamp and release it in a finally";
            case CONDITION -> "hold the lock the condition belongs to";
            case HANDLE_READ_WRITE_LOCK, KEYED_LOCKS -> "take its read() or write() handle in try-with-resources";
        };
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
