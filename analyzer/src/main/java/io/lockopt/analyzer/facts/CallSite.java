package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.MethodCallExpr;

/**
 * A method call other than a lock operation or a wait/notify.
 *
 * @param receiverType the qualified type of the receiver when known (for unqualified and
 *                     {@code this.} calls: the enclosing class), else {@code null}
 * @param staticCall   the receiver is a type name ({@code Thread.sleep})
 * @param blocking     what blocks, e.g. {@code Thread.sleep}, or {@code null} when not blocking
 * @param held         the sections open at the call, innermost first
 */
public record CallSite(MethodFacts method, MethodCallExpr node, String receiverType, boolean staticCall,
        String blocking, HeldLocks held) {

    public String name() {
        return node.getNameAsString();
    }

    public int argumentCount() {
        return node.getArguments().size();
    }
}
