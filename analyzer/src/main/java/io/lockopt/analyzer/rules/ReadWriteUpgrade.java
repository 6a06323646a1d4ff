package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * Taking the write side of a read/write lock while holding its read side in the same method:
 * a {@code ReentrantReadWriteLock} (and lockopt's read/write locks) cannot upgrade, and a
 * {@code StampedLock} is not reentrant, so the writer waits for its own read hold forever.
 * Releasing the read lock first is fine; an untimed {@code tryLock()} just fails and is left alone.
 * Through callees too: a call made under the read lock into a scanned method that takes the
 * write lock (itself or further down) is flagged at the call, naming the path.
 */
@RuleInfo(summary = "Taking the write lock of a read/write lock while holding its read lock (self-deadlock)",
        severity = Severity.ERROR)
public final class ReadWriteUpgrade implements ProjectRule {

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        for (SourceFile file : files) {
            check(file, model, reporter);
        }
    }

    private static void check(SourceFile file, LockModel model, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CallSite call : method.calls()) {
                for (CriticalSection read : call.held().sections()) {
                    if (read.lock().view() != LockView.READ
                            || read.acquisition().kind() == Acquisition.Kind.OPTIMISTIC_READ) {
                        continue;
                    }
                    Trace path = model.throughCall(call, s -> s.writeAcquires().get(read.lock().lock()));
                    // A callee that releases the read lock before it takes the write lock (flink's
                    // BlobServer.getFileInternal: "first we have to release the read lock") upgrades nothing.
                    if (path != null && !onAnotherObject(path, read)
                            && !PathConditions.infeasible(path, model.graph(), read.lock().lock())) {
                        String name = read.lock().lock().shortName();
                        reporter.report(file, call.node(), call.name() + "() takes the write lock of " + name
                                + " (" + path.describe() + ") while this thread holds its read lock (taken on line "
                                + read.acquisition().line() + "), which never succeeds and deadlocks the thread;"
                                + " release the read lock before the call.",
                                List.of(BlockingCallUnderLock.acquiredHere(file, read)),
                                Map.of("lock", read.lock().lock().name()));
                        break;
                    }
                }
            }
            for (Acquisition acquisition : method.acquisitions()) {
                if (acquisition.lock().view() != LockView.WRITE || acquisition.kind() == Acquisition.Kind.TRY_LOCK
                        || acquisition.kind() == Acquisition.Kind.TRY_STAMP
                        || acquisition.kind() == Acquisition.Kind.OPTIMISTIC_READ) {
                    continue;
                }
                CriticalSection read = readHold(acquisition);
                if (read == null) {
                    continue;
                }
                String name = acquisition.lock().lock().shortName();
                boolean stamped = acquisition.lock().kind() == LockKind.STAMPED_LOCK
                        || read.lock().kind() == LockKind.STAMPED_LOCK;
                String fix = stamped ? "use tryConvertToWriteLock(stamp) or release the read stamp first"
                        : "release the read lock first and re-check the state after taking the write lock";
                reporter.report(file, acquisition.node(), "The write lock of " + name + " is requested while this"
                        + " thread holds its read lock (taken on line " + read.acquisition().line() + "), which"
                        + " never succeeds and deadlocks the thread; " + fix + ".",
                        List.of(BlockingCallUnderLock.acquiredHere(file, read)),
                        Map.of("lock", acquisition.lock().lock().name()));
            }
        }
    }

    /**
     * {@code copy.removeEndpoint(e)} under this object's read lock: a step of the path calls a
     * method of another object (a local, a parameter, a field's object), whose instance lock is
     * not the one held here (cassandra's {@code TokenMetadata} updates a fresh copy). Static
     * locks are the same whatever the receiver.
     */
    private static boolean onAnotherObject(Trace path, CriticalSection read) {
        boolean instanceLock = read.lock().lock().kind() == LockId.Kind.THIS
                || read.acquisition().field() != null && !read.acquisition().field().isStatic();
        if (!instanceLock) {
            return false;
        }
        for (Trace t = path; t != null; t = t.next()) {
            if (t.via() != null && t.via().receiver() != CallSite.Receiver.THIS
                    && t.via().receiver() != CallSite.Receiver.TYPE && !t.via().staticCall()) {
                return true;
            }
        }
        return false;
    }

    private static CriticalSection readHold(Acquisition acquisition) {
        for (CriticalSection section : acquisition.held().sections()) {
            if (section.lock().lock().equals(acquisition.lock().lock()) && section.lock().view() == LockView.READ
                    && section.acquisition().kind() != Acquisition.Kind.OPTIMISTIC_READ) {
                return section;
            }
        }
        return null;
    }
}
