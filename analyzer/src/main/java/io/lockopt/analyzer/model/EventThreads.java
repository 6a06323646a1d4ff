package io.lockopt.analyzer.model;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockRef;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.NameScopes;
import io.lockopt.analyzer.facts.NettyPackages;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * Waits for an event thread (Swing's event dispatch thread, SWT's user-interface thread, a Netty
 * event loop) and the code of a file that runs on that thread. One thread runs all of an event
 * loop's callbacks in turn, so a thread that holds a lock and waits for the loop to do something
 * ({@code SwingUtilities.invokeAndWait(r)}, {@code display.syncExec(r)}, {@code
 * channel.close().syncUninterruptibly()}) deadlocks with it as soon as the loop is inside a
 * callback that waits for that lock: ZooKeeper's Netty client closed its channel holding {@code
 * connectLock} while the connect future's listener, on the event loop, took {@code connectLock}
 * (ZOOKEEPER-4293); the Swing and SWT form of the same deadlock is the classic reason {@code
 * invokeAndWait} and {@code syncExec} are not called holding a lock a listener needs.
 *
 * <p>The callbacks looked at are those of the waiter's own file, where they share its object and
 * its locks: listener and handler methods of its classes, and lambdas and anonymous classes handed
 * to {@code addListener}, {@code invokeLater}, {@code invokeAndWait}, {@code syncExec} or {@code
 * asyncExec}. The lock must be taken on the waiter's object: in the callback, or through calls on this
 * object (or the enclosing one). No state of its own: a query reads the file's facts, the model's
 * summaries and an index of the file's calls kept with its tree ({@link SourceFile#derived}).
 */
public final class EventThreads {

    /** The event threads whose callbacks a file can declare. */
    public enum Loop {
        SWING("the Swing event dispatch thread"),
        SWT("the SWT user-interface thread"),
        NETTY("the Netty event loop");

        private final String description;

        Loop(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A callback that runs on the loop and takes the lock: where, and the path to the acquisition. */
    public record Taker(MethodFacts callback, Trace path) {
    }

    /** Handler and listener methods Netty calls on the event loop (Netty 4, and Netty 3's upstream handlers). */
    private static final Set<String> NETTY_CALLBACKS = Set.of("operationComplete", "channelRead", "channelRead0",
            "channelActive", "channelInactive", "channelRegistered", "channelUnregistered", "channelReadComplete",
            "channelWritabilityChanged", "userEventTriggered", "exceptionCaught", "handlerAdded", "handlerRemoved",
            "messageReceived", "channelConnected", "channelDisconnected", "channelClosed", "channelOpen",
            "channelBound", "channelUnbound", "writeComplete", "handleUpstream");
    /** Listener methods AWT and Swing call on the event dispatch thread. */
    private static final Set<String> SWING_CALLBACKS = Set.of("actionPerformed", "itemStateChanged", "mouseClicked",
            "mousePressed", "mouseReleased", "mouseEntered", "mouseExited", "mouseDragged", "mouseMoved",
            "mouseWheelMoved", "keyPressed", "keyReleased", "keyTyped", "focusGained", "focusLost", "windowOpened",
            "windowClosing", "windowClosed", "windowActivated", "windowDeactivated", "componentResized",
            "componentMoved", "componentShown", "componentHidden", "paintComponent", "valueChanged",
            "treeExpanded", "treeCollapsed", "tableChanged");
    private static final List<String> SWING_PACKAGES = List.of("java.awt.", "javax.swing.");
    /** Listener methods SWT calls on its user-interface thread. */
    private static final Set<String> SWT_CALLBACKS = Set.of("widgetSelected", "widgetDefaultSelected", "handleEvent",
            "modifyText", "paintControl", "mouseDown", "mouseUp", "mouseDoubleClick", "keyPressed", "keyReleased",
            "focusGained", "focusLost", "widgetDisposed", "shellClosed", "controlResized", "verifyText");
    private static final List<String> SWT_PACKAGES = List.of("org.eclipse.swt.");
    private static final String SWT_DISPLAY = "org.eclipse.swt.widgets.Display";
    /** Static calls that hand a task to the event dispatch thread. */
    private static final Map<String, Set<String>> SWING_HAND_OFFS = Map.of(
            "javax.swing.SwingUtilities", Set.of("invokeLater", "invokeAndWait"),
            "java.awt.EventQueue", Set.of("invokeLater", "invokeAndWait"));

    private EventThreads() {
    }

    /**
     * The event thread an untimed blocking {@code call} waits for, or {@code null}: {@code
     * invokeAndWait} waits for the event dispatch thread to run its task, {@code syncExec} for
     * SWT's, a channel future's {@code sync()}/{@code await()} for the event loop to do the channel
     * operation (a promise of Netty's own may be completed by any thread).
     */
    public static Loop awaited(CallSite call) {
        String type = call.receiverType();
        if (call.blocking() == null || type == null || call.argumentCount() > 1) {
            return null;
        }
        if (call.name().equals("invokeAndWait") && SWING_HAND_OFFS.containsKey(type)) {
            return Loop.SWING;
        }
        if (call.name().equals("syncExec") && type.equals(SWT_DISPLAY)) {
            return Loop.SWT;
        }
        return call.argumentCount() == 0 && NettyPackages.contains(type)
                && CHANNEL_FUTURES.stream().anyMatch(type::endsWith) ? Loop.NETTY : null;
    }

    private static final Set<String> PIPELINE_ADDS = Set.of("addLast", "addFirst", "addBefore", "addAfter");
    private static final List<String> CHANNEL_FUTURES = List.of(".ChannelFuture", ".ChannelGroupFuture",
            ".ChannelPromise");

    /**
     * A callback of {@code file} that runs on {@code loop} and takes {@code held} on the waiter's
     * object, or {@code null}. None when the waiter is itself such a callback (on the loop, the wait
     * runs the task in place or fails), nor: a task handed to another {@code invokeAndWait} or
     * {@code syncExec} (it runs only while its own submitter waits), a listener of the awaited
     * future itself (its waiters are woken before its listeners run), a listener on what is no
     * Netty future, and, in a file that gives handlers an executor group of their own ({@code
     * addLast(group, name, handler)}), handler methods.
     */
    public static Taker takerOf(SourceFile file, Loop loop, LockRef held, CallSite wait, LockModel model) {
        LockFacts facts = LockFacts.of(file);
        FileIndex index = file.derived(FileIndex.class, EventThreads::index);
        if (runsOn(index, wait.method(), loop, wait, held)) {
            return null;
        }
        boolean handlersElsewhere = loop == Loop.NETTY && index.handlersOnOtherExecutors();
        for (MethodFacts m : facts.methods()) {
            if (m == wait.method() || !runsOn(index, m, loop, wait, held)
                    || handlersElsewhere && m.kind() == MethodFacts.Kind.METHOD && !m.name().equals("operationComplete")
                    || !model.runsOnTheObjectOf(m, wait.method(), held.lock())) {
                continue;
            }
            Trace path = model.takesOnItsObject(m, held);
            if (path != null) {
                return new Taker(m, path);
            }
        }
        return null;
    }

    /** A file's calls by their node, and whether it gives handlers an executor group; read once per file. */
    private record FileIndex(Map<MethodCallExpr, CallSite> calls, boolean handlersOnOtherExecutors) {
    }

    private static FileIndex index(SourceFile file) {
        Map<MethodCallExpr, CallSite> calls = new IdentityHashMap<>();
        for (MethodFacts m : LockFacts.of(file).methods()) {
            for (CallSite c : m.calls()) {
                calls.put(c.node(), c);
            }
        }
        // pipeline.addLast(group, "name", handler): a handler whose events run on an executor of its
        // own; addLast(decoder, encoder, handler) names no group.
        boolean elsewhere = file.unit().findFirst(MethodCallExpr.class, EventThreads::addsWithAGroup).isPresent();
        return new FileIndex(calls, elsewhere);
    }

    /**
     * A pipeline call of the overload that takes an executor group first: {@code addLast(group,
     * "name", handler)}, {@code addBefore(group, "base", "name", handler)}, or {@code addLast(group,
     * handlers..)} with {@code group} made or declared as an executor or event loop group.
     */
    private static boolean addsWithAGroup(MethodCallExpr c) {
        String name = c.getNameAsString();
        List<Expression> args = c.getArguments();
        if (!PIPELINE_ADDS.contains(name) || args.size() < 2 || args.get(0).isStringLiteralExpr()) {
            return false;
        }
        if (name.equals("addBefore") || name.equals("addAfter")) {
            return args.size() == 4;
        }
        return args.size() >= 3 && args.get(1).isStringLiteralExpr() || declaredAsAGroup(args.get(0));
    }

    private static boolean declaredAsAGroup(Expression e) {
        if (e instanceof ObjectCreationExpr creation) {
            return isGroupType(creation.getType().getNameAsString());
        }
        if (!(e instanceof NameExpr name)) {
            return false;
        }
        VariableDeclarator local = NameScopes.localInScope(name);
        if (local != null) {
            return isGroupType(local.getTypeAsString()) || local.getInitializer()
                    .filter(i -> i instanceof ObjectCreationExpr o && isGroupType(o.getType().getNameAsString())).isPresent();
        }
        return e.findCompilationUnit().flatMap(unit -> unit.findFirst(Node.class, n ->
                n instanceof com.github.javaparser.ast.body.Parameter p && p.getNameAsString().equals(name.getNameAsString())
                        && isGroupType(p.getTypeAsString())
                || n instanceof VariableDeclarator v && v.getNameAsString().equals(name.getNameAsString())
                        && isGroupType(v.getTypeAsString()))).isPresent();
    }

    private static boolean isGroupType(String type) {
        return type.endsWith("ExecutorGroup") || type.endsWith("EventLoopGroup");
    }

    /**
     * A callback as a reader finds it: {@code Client.Handler.channelRead}, the anonymous class's
     * interface ({@code ChannelFutureListener.operationComplete on line 144}), a lambda by its line.
     */
    public static String describe(MethodFacts callback) {
        Node at = callback.declaration() instanceof com.github.javaparser.ast.nodeTypes.NodeWithSimpleName<?> named
                ? named.getName() : callback.declaration();
        int line = at.getBegin().map(p -> p.line).orElse(0);
        if (callback.kind() == MethodFacts.Kind.LAMBDA) {
            return "the lambda on line " + line;
        }
        ClassFacts owner = callback.owner();
        boolean anonymous = owner.declaration() instanceof ObjectCreationExpr;
        return anonymous && owner.superclass() != null
                ? "the anonymous " + owner.superclass().substring(owner.superclass().lastIndexOf('.') + 1) + "."
                        + callback.name() + " on line " + line
                : owner.simpleName() + "." + callback.name();
    }

    /** {@code m} is a callback {@code loop} runs: a listener or handler method, or a lambda handed to it. */
    private static boolean runsOn(FileIndex index, MethodFacts m, Loop loop, CallSite wait, LockRef held) {
        if (m.kind() == MethodFacts.Kind.LAMBDA) {
            return handedTo(index, m.declaration(), loop, wait, held);
        }
        if (m.kind() != MethodFacts.Kind.METHOD || m.isStatic()) {
            return false;
        }
        ClassFacts owner = m.owner();
        return switch (loop) {
            case NETTY -> NETTY_CALLBACKS.contains(m.name()) && extendsOneOf(owner, NettyPackages.ROOTS)
                    && (!(owner.declaration() instanceof ObjectCreationExpr listener)
                            || handedTo(index, listener, loop, wait, held));
            case SWING -> SWING_CALLBACKS.contains(m.name()) && extendsOneOf(owner, SWING_PACKAGES)
                    || m.name().equals("run") && m.arity() == 0 && handedTo(index, owner.declaration(), loop, wait, held);
            case SWT -> SWT_CALLBACKS.contains(m.name()) && extendsOneOf(owner, SWT_PACKAGES)
                    || m.name().equals("run") && m.arity() == 0 && handedTo(index, owner.declaration(), loop, wait, held);
        };
    }

    /**
     * A lambda or an anonymous class handed straight to the loop: {@code addListener(f -> ..)} on a
     * Netty future other than the awaited one, {@code invokeLater(..)}, {@code asyncExec(..)}, the
     * awaited {@code invokeAndWait}/{@code syncExec} itself, or another one made without the held
     * lock (one made holding it cannot be waiting while the awaited one's caller holds it).
     */
    private static boolean handedTo(FileIndex index, Node task, Loop loop, CallSite wait, LockRef held) {
        if (!(task.getParentNode().orElse(null) instanceof MethodCallExpr call) || !call.getArguments().contains(task)) {
            return false;
        }
        String name = call.getNameAsString();
        CallSite site = index.calls().get(call);
        boolean waitingElsewhere = call == wait.node() || site == null || site.held().find(held.lock()) == null;
        return switch (loop) {
            case NETTY -> (name.equals("addListener") || name.equals("addListeners")) && site != null
                    && site.receiverType() != null && NettyPackages.contains(site.receiverType())
                    && !sameFuture(call, wait.node());
            case SWING -> (name.equals("invokeLater") || name.equals("invokeAndWait") && waitingElsewhere)
                    && call.getScope().map(scope -> SWING_HAND_OFFS.keySet().stream()
                            .anyMatch(t -> t.equals(scope.toString()) || t.endsWith("." + scope))).orElse(false);
            // display.asyncExec(..), Display.getDefault().syncExec(..): the receiver's type is rarely
            // known, so a file importing SWT's Display is enough.
            case SWT -> (name.equals("asyncExec") || name.equals("timerExec") || name.equals("syncExec") && waitingElsewhere)
                    && importsOneOf(call, List.of(SWT_DISPLAY));
        };
    }

    /**
     * Both calls are made on one future: the same expression, and for a local the same variable
     * ({@code future} in two methods are two futures).
     */
    private static boolean sameFuture(MethodCallExpr a, MethodCallExpr b) {
        Expression x = a.getScope().orElse(null);
        Expression y = b.getScope().orElse(null);
        if (x == null || y == null || !x.toString().equals(y.toString())) {
            return false;
        }
        if (x instanceof NameExpr nx && y instanceof NameExpr ny) {
            VariableDeclarator lx = NameScopes.localInScope(nx);
            VariableDeclarator ly = NameScopes.localInScope(ny);
            if (lx != null || ly != null) {
                return lx == ly;
            }
            if (NameScopes.isParameter(nx) || NameScopes.isParameter(ny)) {
                // a parameter: of the same method
                return NameScopes.isParameter(nx) && NameScopes.isParameter(ny)
                        && nx.findAncestor(CallableDeclaration.class).orElse(null)
                                == ny.findAncestor(CallableDeclaration.class).orElse(null);
            }
        }
        return true; // the same field, or the same expression
    }

    /** The class's superclass or one of its interfaces is a type of one of {@code packages} (as the file names it). */
    private static boolean extendsOneOf(ClassFacts owner, List<String> packages) {
        if (owner.superclass() != null && packages.stream().anyMatch(owner.superclass()::startsWith)) {
            return true;
        }
        return owner.interfaces().stream().anyMatch(i -> packages.stream().anyMatch(i::startsWith));
    }

    private static boolean importsOneOf(Node node, List<String> packages) {
        return node.findCompilationUnit().map(unit -> unit.getImports().stream()
                .anyMatch(i -> packages.stream().anyMatch(p -> i.getNameAsString().startsWith(p)))).orElse(false);
    }
}
