package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * A read or write of a field of a class declared in this file.
 *
 * @param node   the name or field-access expression naming the field
 * @param effect the whole expression that writes ({@code x = ..}, {@code x++}, {@code x.add(..)}),
 *               or {@code node} itself for a read
 * @param onOwnObject the access is to this object's field ({@code f}, {@code this.f},
 *               {@code Outer.this.f}) or to a static field, not to another instance's ({@code other.f})
 */
public record FieldAccess(MethodFacts method, FieldFacts field, Kind kind, NodeRef<Node> nodeRef,
        NodeRef<Node> effectRef, HeldLocks held, boolean onOwnObject) {

    /** See {@code node} in the class notes. */
    public Node node() {
        return nodeRef.get();
    }

    /** See {@code effect} in the class notes. */
    public Node effect() {
        return effectRef.get();
    }

    /** {@code field = null}: the object the field held is let go (a close, a reset). */
    public boolean assignsNull() {
        return kind == Kind.ASSIGN && effect() instanceof com.github.javaparser.ast.expr.AssignExpr assign
                && assign.getValue().isNullLiteralExpr();
    }

    public enum Kind {
        READ,
        /** {@code f = value}. */
        ASSIGN,
        /** {@code f += k}, {@code f -= k} and the other compound assignments. */
        COMPOUND,
        /** {@code f++}, {@code ++f}, {@code f--}, {@code --f}. */
        INCREMENT,
        /** A mutating call on a collection held in the field ({@code f.add(x)}, {@code f.put(k, v)}). */
        MUTATE;

        public boolean isWrite() {
            return this != READ;
        }
    }
}
