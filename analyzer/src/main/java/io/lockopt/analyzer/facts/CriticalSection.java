package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.javaparser.ast.stmt.BlockStmt;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * The code run while one acquisition is held, as the extractor saw it in source order:
 * everything between a {@code lock()} and its {@code unlock()}, a {@code synchronized} body,
 * a try-with-resources handle's block. Nested sections' events belong to every enclosing
 * section too.
 */
public final class CriticalSection {
    private final Acquisition acquisition;
    private final List<CallSite> calls = new ArrayList<>();
    private final List<FieldAccess> fieldAccesses = new ArrayList<>();
    private final List<MonitorCall> monitorCalls = new ArrayList<>();
    private final List<Acquisition> nested = new ArrayList<>();
    private NodeRef<BlockStmt> body;

    CriticalSection(Acquisition acquisition) {
        this.acquisition = acquisition;
    }

    public Acquisition acquisition() {
        return acquisition;
    }

    public LockRef lock() {
        return acquisition.lock();
    }

    public MethodFacts method() {
        return acquisition.method();
    }

    /**
     * The block that is exactly the section, when the code has that shape: a {@code synchronized}
     * body or method body, a try-with-resources handle's block, or the {@code try} block of
     * {@code lock(); try { .. } finally { unlock(); }}; else {@code null} (a section ended by an
     * unlock outside a {@code finally}).
     */
    public BlockStmt body() {
        return body == null ? null : body.get();
    }

    void body(NodeRef<BlockStmt> block) {
        this.body = block;
    }

    public List<CallSite> calls() {
        return Collections.unmodifiableList(calls);
    }

    public List<FieldAccess> fieldAccesses() {
        return Collections.unmodifiableList(fieldAccesses);
    }

    public List<MonitorCall> monitorCalls() {
        return Collections.unmodifiableList(monitorCalls);
    }

    /** Locks taken while this one is held. */
    public List<Acquisition> nested() {
        return Collections.unmodifiableList(nested);
    }

    void add(CallSite call) {
        calls.add(call);
    }

    void add(FieldAccess access) {
        fieldAccesses.add(access);
    }

    void add(MonitorCall call) {
        monitorCalls.add(call);
    }

    void add(Acquisition inner) {
        nested.add(inner);
    }

    @Override
    public String toString() {
        return acquisition.lock().describe() + "@" + acquisition.line();
    }
}
