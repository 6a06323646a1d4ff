package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
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
                    if (path != null && !onAnotherObject(path, read, model)
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
                if (read == null || !sameObject(owner(read.acquisition()), owner(acquisition))
                        || endedByACallee(model, read, acquisition)) {
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
    private static boolean onAnotherObject(Trace path, CriticalSection read, LockModel model) {
        if (!instanceLock(read, model)) {
            return false;
        }
        String readOwner = owner(read.acquisition());
        if (readOwner != null && !readOwner.equals(THIS) && path.via() != null
                && path.via().receiver() == CallSite.Receiver.THIS) {
            return true; // parent.readLock held, then this object's own method takes this object's write lock
        }
        for (Trace t = path; t != null; t = t.next()) {
            if (t.via() != null && t.via().receiver() != CallSite.Receiver.THIS
                    && t.via().receiver() != CallSite.Receiver.TYPE && !t.via().staticCall()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lock is the object's own: its monitor, or a field that is not static. A lock field
     * inherited from a superclass in another file ({@code lock.readLock()} in mini2Dx's region quad
     * tree) is the field the sources declare, or, when they do not, an instance field unless its
     * name is a constant's.
     */
    private static boolean instanceLock(CriticalSection read, LockModel model) {
        LockId lock = read.lock().lock();
        if (lock.kind() == LockId.Kind.THIS) {
            return true;
        }
        FieldFacts field = read.acquisition().field() != null ? read.acquisition().field()
                : model.graph().fieldOf(model.graph().orderingIdentity(lock));
        if (field != null) {
            return !field.isStatic();
        }
        String name = lock.name().substring(lock.name().lastIndexOf('.') + 1);
        return lock.kind() == LockId.Kind.FIELD && !name.equals(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * {@code readLock().lock(); writeLock().unlock(); if (addElementToChild(e)) return true;
     * writeLock().lock();} where the callee, a method of this object, ends the read hold before
     * anything else it does on that lock (mini2Dx's region quad tree): the write is requested
     * after the read hold has ended, not under it.
     */
    private static boolean endedByACallee(LockModel model, CriticalSection read, Acquisition write) {
        for (CallSite call : read.calls()) {
            if (call.receiver() == CallSite.Receiver.THIS && Guards.isAfter(write.node(), call.node())
                    && model.graph().callees(call).stream()
                            .anyMatch(callee -> UnreleasedLock.releasesFirst(callee, read.acquisition()))) {
                return true;
            }
        }
        return false;
    }

    private static final String THIS = "this";

    /**
     * Whose lock field an acquisition takes: {@code this} for the object's own ({@code readLock.lock()},
     * {@code rw.readLock().lock()}), the expression's text for another object's ({@code
     * result.writeLock.lock()}: wildfly's shadow registry, held-out sample 29), or {@code null}
     * when that cannot be told (a monitor, a static lock, a lock from a getter).
     */
    private static String owner(Acquisition acquisition) {
        if (acquisition.field() == null || acquisition.field().isStatic()
                || !(acquisition.node() instanceof MethodCallExpr call)) {
            return null;
        }
        Expression e = call.getScope().orElse(null);
        while (e instanceof MethodCallExpr view && view.getScope().isPresent() && view.getArguments().isEmpty()
                && !view.getNameAsString().equals(acquisition.field().name())) {
            e = view.getScope().get(); // rw.readLock().lock(): the view of rw
        }
        e = Parentheses.strip(e);
        if (e instanceof NameExpr) {
            return THIS;
        }
        if (e instanceof FieldAccessExpr access && access.getNameAsString().equals(acquisition.field().name())) {
            return access.getScope().isThisExpr() ? THIS : access.getScope().toString();
        }
        return null;
    }

    /** Two owners may be one object unless both are known and differ. */
    private static boolean sameObject(String a, String b) {
        return a == null || b == null || a.equals(b);
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
