package io.lockopt.analyzer.facts;

import java.util.List;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
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
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;

/**
 * What a simple name refers to at the place it is written, by Java's scoping of locals and
 * parameters: a local declared before it in a block around it (or by the {@code for} or
 * for-each around it, or a resource of the {@code try} around it), a parameter of the method,
 * lambda or catch around it; otherwise a field (or something the file does not declare). Lambdas and catch blocks see the method's locals unless a
 * parameter of theirs hides them; a {@code case} declares locals like a block. A name is never matched with any declaration of the
 * same name elsewhere in the method: {@code Peer peer = new Peer();} in one block says nothing of
 * {@code peer} in another.
 */
public final class NameScopes {

    private NameScopes() {
    }

    /**
     * The field of the current object {@code e} names ({@code x}, {@code this.x}), or {@code null}
     * when it names something else or a local declared in scope shadows the field.
     */
    public static String fieldNameIn(Expression e) {
        return e instanceof NameExpr name && localInScope(name) != null ? null : FieldFacts.nameIn(e);
    }

    /** The local {@code name} refers to, or {@code null} when it is a parameter, a field or unknown. */
    public static VariableDeclarator localInScope(NameExpr name) {
        String id = name.getNameAsString();
        Node child = name;
        for (Node n = name.getParentNode().orElse(null); n != null; child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof BlockStmt block && child instanceof Statement holder) {
                VariableDeclarator v = declaredBefore(block.getStatements(), holder, id);
                if (v != null) {
                    return v;
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
            if (n instanceof TryStmt attempt && (attempt.getTryBlock() == child || isResourceOf(attempt, child))) {
                VariableDeclarator v = resourceBefore(attempt, child, id);
                if (v != null) {
                    return v;
                }
            }
            if (n instanceof SwitchEntry entry && child instanceof Statement holder) {
                VariableDeclarator v = declaredBefore(entry.getStatements(), holder, id);
                if (v != null) {
                    return v;
                }
            }
            // A lambda, catch block or anonymous class sees the method's locals, unless a parameter
            // or field of its own hides them; the arguments of a `new` are the method's own code.
            if (n instanceof LambdaExpr lambda && lambda.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(id))
                    || n instanceof CatchClause clause && clause.getParameter().getNameAsString().equals(id)
                    || n instanceof CallableDeclaration<?> callable && (hasParameter(callable, id) || !inAnonymousClass(callable))
                    || n instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().map(body -> body.stream()
                            .anyMatch(member -> member instanceof FieldDeclaration field && field.getVariables().stream()
                                    .anyMatch(v -> v.getNameAsString().equals(id)))).orElse(false)
                    || n instanceof TypeDeclaration<?>) {
                return null; // a parameter, a field, or past the method
            }
        }
        return null;
    }

    /** The local called {@code id} that a statement before {@code holder} in {@code statements} declares, or null. */
    private static VariableDeclarator declaredBefore(NodeList<Statement> statements, Statement holder, String id) {
        for (int i = Siblings.positionOf(statements, holder) - 1; i >= 0; i--) {
            if (statements.get(i) instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr declaration) {
                for (VariableDeclarator v : declaration.getVariables()) {
                    if (v.getNameAsString().equals(id)) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The resource called {@code id} that {@code try (..)} declares before {@code child} (the try
     * block sees them all, a resource only those before it), or null. Catch and finally see none.
     */
    private static VariableDeclarator resourceBefore(TryStmt attempt, Node child, String id) {
        for (Expression resource : attempt.getResources()) {
            if (resource == child) {
                break;
            }
            if (resource instanceof VariableDeclarationExpr declaration) {
                for (VariableDeclarator v : declaration.getVariables()) {
                    if (v.getNameAsString().equals(id)) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isResourceOf(TryStmt attempt, Node node) {
        return attempt.getResources().stream().anyMatch(resource -> resource == node);
    }

    /** True when {@code name} is a parameter of the method, lambda or catch clause around it (and no local hides it). */
    public static boolean isParameter(NameExpr name) {
        return parameterOf(name) != null;
    }

    /** The parameter of the method, lambda or catch clause around it that {@code name} refers to, or {@code null}. */
    public static Parameter parameterOf(NameExpr name) {
        if (localInScope(name) != null) {
            return null;
        }
        String id = name.getNameAsString();
        for (Node n = name.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            List<Parameter> parameters = n instanceof LambdaExpr lambda ? lambda.getParameters()
                    : n instanceof CatchClause clause ? List.of(clause.getParameter())
                    : n instanceof CallableDeclaration<?> callable ? callable.getParameters() : null;
            Parameter p = parameters == null ? null
                    : parameters.stream().filter(q -> q.getNameAsString().equals(id)).findFirst().orElse(null);
            if (p != null) {
                return p;
            }
            if (n instanceof CallableDeclaration<?> callable && !inAnonymousClass(callable) || n instanceof TypeDeclaration<?>) {
                return null;
            }
        }
        return null;
    }

    private static boolean hasParameter(CallableDeclaration<?> callable, String id) {
        return callable.getParameters().stream().map(Parameter::getNameAsString).anyMatch(id::equals);
    }

    /** A method of an anonymous class, which sees the locals of the method around it. */
    private static boolean inAnonymousClass(CallableDeclaration<?> callable) {
        return callable.getParentNode().orElse(null) instanceof ObjectCreationExpr;
    }
}
