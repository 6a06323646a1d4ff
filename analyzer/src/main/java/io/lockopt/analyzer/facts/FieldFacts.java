package io.lockopt.analyzer.facts;

import java.util.List;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * A field declared in this file.
 *
 * @param type        qualified declared type when resolvable (without type arguments), else {@code null}
 * @param initializerRef the declaration's initializer, or {@code null}
 * @param lockRef     when the field holds a lock: the lock it denotes (a field initialized with
 *                    {@code rw.readLock()} denotes the read view of {@code rw}), else {@code null}
 * @param conditionOf for a {@code Condition} field initialized with {@code lock.newCondition()}:
 *                    that lock, else {@code null}
 * @param annotations the simple names of the declaration's annotations ({@code GuardedBy}), kept so
 *                    that rules read the declaration only when one may matter
 */
public record FieldFacts(String declaringClass, String name, String type, boolean isStatic, boolean isFinal,
        boolean isVolatile, boolean isPrivate, boolean isPrimitive, NodeRef<Expression> initializerRef,
        NodeRef<VariableDeclarator> nodeRef, LockRef lockRef, LockRef conditionOf, List<String> annotations) {

    /** True when the declaration has an initializer (known without going back to the tree). */
    public boolean hasInitializer() {
        return initializerRef != null;
    }

    /** The declaration's initializer, or {@code null}. */
    public Expression initializer() {
        return initializerRef == null ? null : initializerRef.get();
    }

    /** The field's declarator. */
    public VariableDeclarator node() {
        return nodeRef == null ? null : nodeRef.get();
    }

    public LockId id() {
        return LockId.field(declaringClass, name);
    }

    /** The lock kind of the declared type, or {@code null}. */
    public LockKind lockKind() {
        return KnownTypes.lockKind(type);
    }

    /**
     * The field's declared type is a {@code java.util} collection that is not thread-safe, and
     * {@code value} (what is stored in it; {@code null} when not known) is not a concurrent or
     * synchronized one; or {@code value} makes one ({@code new HashMap<>()}) whatever the type says.
     */
    public boolean isUnsynchronizedCollection(Expression value) {
        return KnownTypes.isUnsynchronizedCollection(type, value)
                || value instanceof ObjectCreationExpr made && made.getAnonymousClassBody().isEmpty()
                        && KnownTypes.isUnsynchronizedCollection("java.util." + made.getType().getNameAsString(), value);
    }

    /** The field name {@code e} names on the current object: {@code x} for {@code x} and {@code this.x}; else null. */
    public static String nameIn(Expression e) {
        return e instanceof NameExpr n ? n.getNameAsString()
                : e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr ? f.getNameAsString() : null;
    }

    /** True when {@code e} is this field of the current object: {@code name} or {@code this.name}. */
    public boolean isNamedBy(Expression e) {
        return isNamedBy(e, name);
    }

    /**
     * True when {@code e} is {@code field} or {@code this.field}: the current object's field of that
     * name (or a local that shadows it, which the callers rule out where it matters).
     */
    public static boolean isNamedBy(Expression e, String field) {
        return e instanceof NameExpr n && n.getNameAsString().equals(field)
                || e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                        && f.getNameAsString().equals(field);
    }

    /** {@code OrderBook.lock}: the declaring class's simple name and the field. */
    public String shortName() {
        return KnownTypes.simpleName(declaringClass) + "." + name;
    }
}
