package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * A method call other than a lock operation or a wait/notify.
 *
 * @param receiverType the qualified type of the receiver when known (for unqualified and
 *                     {@code this.} calls: the enclosing class), else {@code null}
 * @param staticCall   the receiver is a type name ({@code Thread.sleep})
 * @param receiver     where the receiver comes from (alien-call and call-graph passes use it)
 * @param receiverField the field the receiver is read from, or whose elements a for-each
 *                     variable iterates ({@code for (Listener l : listeners) l.on()}), else {@code null}
 * @param blocking     what blocks, e.g. {@code Thread.sleep}, or {@code null} when not blocking
 * @param held         the sections open at the call, innermost first
 * @param name         the called method's name (kept: the call graph matches calls by name and arity
 *                     without going back to the tree)
 * @param unqualified  no receiver expression at all ({@code m()}, not {@code this.m()})
 * @param scopeName    the receiver when it is a plain name ({@code cache.get()}: {@code cache}), else {@code null}
 * @param onlyWhenNoLockHeld the call runs only when the thread holds no lock ({@link Guards#onlyWhenNoLockHeld})
 * @param superCall    {@code super.m()}: bound to the superclass's body, never to an override (kept as a
 *                     fact so that the call graph need not read the tree, which may have to be parsed again)
 */
public record CallSite(MethodFacts method, NodeRef<MethodCallExpr> nodeRef, String receiverType, boolean staticCall,
        Receiver receiver, FieldFacts receiverField, String blocking, HeldLocks held, String name, int argumentCount,
        boolean unqualified, String scopeName, boolean onlyWhenNoLockHeld, boolean superCall) {

    /**
     * No receiver, or {@code this} / {@code Outer.this}: the call names a method of the current
     * object (or of an enclosing instance), not one of another object. {@code super.m()} is not counted.
     */
    public static boolean onThisObject(MethodCallExpr call) {
        return call.getScope().map(scope -> scope.isThisExpr()).orElse(true);
    }

    /** The call. */
    public MethodCallExpr node() {
        return nodeRef.get();
    }

    /** Where a call's receiver comes from. */
    public enum Receiver {
        /** No receiver, {@code this} or {@code super}: a call on the current object. */
        THIS,
        /** A field of a class in this file. */
        FIELD,
        /** A parameter of the method or lambda. */
        PARAMETER,
        /** A for-each variable over a field's collection. */
        ELEMENT_OF_FIELD,
        /** Another local variable. */
        LOCAL,
        /** A type name: a static call. */
        TYPE,
        /** Any other expression (a call result, a new object, ...). */
        OTHER
    }

    /**
     * {@code synchronized (sensor) { sensor.metrics(); }}: the call's receiver is an object whose
     * monitor the caller holds, so the callee's {@code this} monitor is held on entry.
     */
    public boolean receiverMonitorHeld() {
        return node().getScope().isPresent() && heldAs(node().getScope().get().toString(), false);
    }

    /**
     * {@code synchronized (con) { synchronized (this) { con.autoCommit(); } }}: the call's receiver is
     * an object whose monitor was taken around {@code inner}'s section, before it (cubrid's statements,
     * held-out sample 42, judged wrong), or by that section itself ({@code synchronized (tablet) {
     * tablet.flushComplete(); }}: accumulo's file manager, sample 31, judged wrong). Whatever the
     * callee takes of its own {@code this} then re-enters a monitor held since {@code inner}'s lock
     * was taken: no order after it. A lock taken before the receiver's ({@code synchronized void m()
     * { synchronized (self) { self.run(); } }}: this object's) is still ordered before it.
     */
    public boolean receiverMonitorTakenBefore(CriticalSection inner) {
        if (node().getScope().isEmpty()) {
            return false;
        }
        String field = NameScopes.fieldNameIn(node().getScope().get());
        if (field == null) {
            return false; // a field of this object only: a local of that name may be another object
        }
        for (CriticalSection section : held.sections()) {
            if (section.acquisition().node() instanceof SynchronizedStmt sync
                    && field.equals(NameScopes.fieldNameIn(sync.getExpression()))
                    && (section == inner || Guards.contains(sync.getBody(), inner.acquisition().node()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code synchronized (implicitJobs) { doRunNow(job); }} where {@code doRunNow} calls {@code
     * implicitJobs.removeWaiting(job)} on the same object (every call between on {@code this}): the
     * monitor of this object's field {@code field} is held around the call.
     */
    public boolean ownFieldMonitorHeld(String field) {
        return heldAs(field, false) || heldAs("this." + field, false);
    }

    /**
     * {@code synchronized (factory.cnxns) { factory.unregisterConnection(this); }}: the caller holds a
     * lock kept in a field of the call's receiver, so the callee runs holding its own field {@code
     * field} (a monitor, or a {@code Lock} taken with {@code lock()}). False for calls without a
     * receiver expression.
     */
    public boolean receiverFieldLockHeld(String field) {
        return node().getScope().isPresent() && heldAs(node().getScope().get() + "." + field, true);
    }

    /**
     * A section around the call was acquired on an object written {@code expression}: {@code
     * synchronized (expression)}, or with {@code lockCalls} also {@code expression.lock()}.
     */
    private boolean heldAs(String expression, boolean lockCalls) {
        for (CriticalSection section : held.sections()) {
            com.github.javaparser.ast.Node at = section.acquisition().node();
            if (at instanceof SynchronizedStmt sync
                    && sync.getExpression().toString().equals(expression)
                    || lockCalls && at instanceof MethodCallExpr taken && taken.getScope().map(Object::toString)
                            .filter(expression::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for I/O that is blocking by design of the class it is in: calls on the wrapped stream
     * inside a class that is itself a stream, reader or writer (decorators lock around the stream
     * they wrap), and on the stream a serialization hook is given.
     */
    public boolean isByDesignIo() {
        String type = receiverType;
        if (blocking == null || type == null || !type.startsWith("java.io.")) {
            return false;
        }
        if (receiver == Receiver.PARAMETER && (type.endsWith(".ObjectOutputStream")
                || type.endsWith(".ObjectInputStream"))) {
            return true;
        }
        for (ClassFacts c = method.owner(); c != null; c = c.enclosing()) {
            String superclass = c.superclass() == null ? "" : c.superclass();
            if (isStreamName(c.simpleName()) || superclass.startsWith("java.io.") && isStreamName(superclass)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for {@code f.get()}/{@code f.join()} on a future whose completion the same method tests
     * ({@code f.isDone() ? f.join() : null}) or that it cancelled first ({@code f.cancel(true);
     * f.get();}: once {@code cancel} returns the future is done, cancelled or completed): such a call
     * returns (or throws) at once.
     */
    public boolean isDoneFuture() {
        if (blocking == null || !(blocking.endsWith(".get") || blocking.endsWith(".join"))
                || node().getScope().isEmpty()) {
            return false;
        }
        String scope = node().getScope().get().toString();
        return method.declaration().findFirst(MethodCallExpr.class, c -> (c.getNameAsString().equals("isDone")
                || c.getNameAsString().equals("cancel") && c.getBegin().isPresent() && node().getBegin().isPresent()
                        && c.getBegin().get().isBefore(node().getBegin().get()))
                && c.getScope().map(s -> s.toString().equals(scope)).orElse(false)).isPresent();
    }

    /**
     * True for a blocking call that waits for another thread to act ({@code sleep}, {@code join},
     * {@code Future.get}, a latch, barrier or semaphore, a bounded queue's {@code put}/{@code take},
     * {@code Process.waitFor}) without a bound, as opposed to I/O, which a lock often exists to
     * serialize, to {@code LockSupport.park}, which synchronizers call inside their own acquisition,
     * and to timed waits and sleeps, which on real code are mostly deliberate back-offs and grace
     * periods.
     */
    public boolean waitsForAnotherThread() {
        if (blocking == null || receiverType == null || isUnboundedPut() || isDoneFuture() || isTimed()) {
            return false;
        }
        return !(receiverType.startsWith("java.io.") || receiverType.startsWith("java.net.")
                || receiverType.startsWith("java.nio.") || receiverType.startsWith("java.sql.")
                || receiverType.endsWith(".LockSupport"));
    }

    /** A sleep, or a wait given a timeout ({@code poll(1, SECONDS)}, {@code join(100)}, {@code awaitNanos(n)}). */
    public boolean isTimed() {
        String name = name();
        int argc = argumentCount();
        if (name.equals("sleep") || name.endsWith("Nanos") || name.endsWith("Until") || name.equals("awaitTermination")
                || name.equals("join") && argc >= 1 || name.equals("waitFor") && argc >= 1) {
            return true;
        }
        if (argc < 2) {
            return false;
        }
        String unit = node().getArgument(argc - 1).toString();
        return unit.contains("TimeUnit") || unit.endsWith("SECONDS") || unit.endsWith("MINUTES")
                || unit.endsWith("HOURS") || unit.endsWith("DAYS") || unit.endsWith("unit") || unit.endsWith("Unit");
    }

    /** {@code put} on a queue field created without a capacity ({@code new LinkedBlockingQueue<>()}): never blocks. */
    public boolean isUnboundedPut() {
        if (blocking == null || receiverField == null || !(blocking.endsWith(".put")
                || blocking.endsWith(".putFirst") || blocking.endsWith(".putLast"))) {
            return false;
        }
        return receiverField.initializer() instanceof com.github.javaparser.ast.expr.ObjectCreationExpr created
                && UNBOUNDED_QUEUES.contains(created.getType().getNameAsString())
                && created.getArguments().isEmpty();
    }

    private static final java.util.Set<String> UNBOUNDED_QUEUES = java.util.Set.of("LinkedBlockingQueue",
            "LinkedBlockingDeque", "PriorityBlockingQueue", "DelayQueue", "LinkedTransferQueue");

    private static boolean isStreamName(String name) {
        return name.endsWith("InputStream") || name.endsWith("OutputStream") || name.endsWith("Reader")
                || name.endsWith("Writer") || name.endsWith("PrintStream");
    }
}
