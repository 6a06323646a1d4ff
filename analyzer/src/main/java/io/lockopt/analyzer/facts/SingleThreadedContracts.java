package io.lockopt.analyzer.facts;

import java.util.Set;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

/**
 * Classes whose instances are single-threaded by contract: JCIP {@code @NotThreadSafe}, or an
 * implementation of an API its specification says is not for concurrent use (a JMS
 * {@code JMSContext}, {@code Session}, producer or consumer; a JPA {@code EntityManager}; a
 * Hibernate {@code Session}). A race on such an object needs a caller that already breaks the
 * contract, so what a rule concludes from an unlocked path there is weak evidence.
 */
public final class SingleThreadedContracts {
    private static final Set<String> SINGLE_THREADED_APIS = Set.of(
            "javax.jms.JMSContext", "jakarta.jms.JMSContext", "javax.jms.Session", "jakarta.jms.Session",
            "javax.jms.QueueSession", "jakarta.jms.QueueSession", "javax.jms.TopicSession",
            "jakarta.jms.TopicSession", "javax.jms.MessageProducer", "jakarta.jms.MessageProducer",
            "javax.jms.MessageConsumer", "jakarta.jms.MessageConsumer", "javax.jms.JMSProducer",
            "jakarta.jms.JMSProducer", "javax.jms.JMSConsumer", "jakarta.jms.JMSConsumer",
            "javax.persistence.EntityManager", "jakarta.persistence.EntityManager", "org.hibernate.Session");

    private SingleThreadedContracts() {
    }

    /** True when {@code type} (or a class enclosing it) is single-threaded by contract. */
    public static boolean confined(LockFacts facts, ClassFacts type) {
        for (ClassFacts c = type; c != null; c = c.enclosing()) {
            if (c.declaration() instanceof NodeWithAnnotations<?> annotated && annotated.getAnnotations().stream()
                    .anyMatch(a -> a.getName().getIdentifier().equals("NotThreadSafe"))) {
                return true;
            }
            if (c.declaration() instanceof ClassOrInterfaceDeclaration declaration
                    && (implementsContract(facts, declaration.getImplementedTypes())
                            || implementsContract(facts, declaration.getExtendedTypes()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean implementsContract(LockFacts facts, Iterable<ClassOrInterfaceType> types) {
        for (ClassOrInterfaceType t : types) {
            String name = t.getScope().isPresent() ? t.getNameWithScope() : facts.qualify(t.getNameAsString());
            if (name != null && SINGLE_THREADED_APIS.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
