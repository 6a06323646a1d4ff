package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;

/**
 * What a simple name refers to at the place it is written, by Java's scoping of locals and
 * parameters: a local declared before it in a block around it (or by the {@code for} or
 * for-each around it), a parameter of the method, lambda or catch around it; otherwise a field (or
 * something the file does not declare). A name is never matched with any declaration of the
 * same name elsewhere in the method: {@code Peer peer = new Peer();} in one block says nothing of
 * {@code peer} in another.
 */
public final class NameScopes {

    private NameScopes() {
    }

    /** The local {@code name} refers to, or {@code null} when it is a parameter, a field or unknown. */
    public static VariableDeclarator localInScope(NameExpr name) {
        String id = name.getNameAsString();
        Node child = name;
        for (Node n = name.getParentNode().orElse(null); n != null; child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof BlockStmt block && child instanceof Statement holder) {
                int at = Siblings.positionOf(block.getStatements(), holder);
                for (int i = at - 1; i >= 0; i--) {
                    if (block.getStatement(i) instanceof ExpressionStmt e
                            && e.getExpression() instanceof VariableDeclarationExpr declaration) {
                        for (VariableDeclarator v : declaration.getVariables()) {
                            if (v.getNameAsString().equals(id)) {
                                return v;
                            }
                        }
                    }
                }
            }
            if (n instanceof ForEachStmt loop && loop.getIterable() != child) {
                for (VariableDeclarator v : loop.getVariable().getVariables()) {
                    if (v.getNameAsString().equals(id)) {
                        return v;
                    }
                }
            }
            if (n instanceof ForStmt loop) {
                for (Expression init : loop.getInitialization()) {
                    if (init instanceof VariableDeclarationExpr declaration && declaration != child) {
                        for (VariableDeclarator v : declaration.getVariables()) {
                            if (v.getNameAsString().equals(id)) {
                                return v;
                            }
                        }
                    }
                }
            }
            if (n instanceof LambdaExpr || n instanceof CallableDeclaration<?> || n instanceof CatchClause
                    || n instanceof TypeDeclaration<?> || n instanceof ObjectCreationExpr) {
                return null; // past the method: a parameter of it, or a field
            }
        }
        return null;
    }

    /** True when {@code name} is a parameter of the method, lambda or catch clause around it (and no local hides it). */
    public static boolean isParameter(NameExpr name) {
        if (localInScope(name) != null) {
            return false;
        }
        String id = name.getNameAsString();
        for (Node n = name.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof LambdaExpr lambda) {
                if (lambda.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(id))) {
                    return true;
                }
            } else if (n instanceof CatchClause clause) {
                if (clause.getParameter().getNameAsString().equals(id)) {
                    return true;
                }
            } else if (n instanceof CallableDeclaration<?> callable) {
                return callable.getParameters().stream().map(Parameter::getNameAsString).anyMatch(id::equals);
            } else if (n instanceof TypeDeclaration<?> || n instanceof ObjectCreationExpr) {
                return false;
            }
        }
        return false;
    }
}
