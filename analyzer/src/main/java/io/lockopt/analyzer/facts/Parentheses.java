package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;

/** Parentheses change nothing a rule asks about: {@code ((lock))} is {@code lock}. */
public final class Parentheses {

    private Parentheses() {
    }

    /** {@code ((x))} as {@code x}; any other expression as it is. */
    public static Expression strip(Expression e) {
        Expression x = e;
        while (x instanceof EnclosedExpr enclosed) {
            x = enclosed.getInner();
        }
        return x;
    }
}
