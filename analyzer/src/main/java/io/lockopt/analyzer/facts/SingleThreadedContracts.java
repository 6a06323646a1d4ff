package io.lockopt.analyzer.facts;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

/**
 * Classes whose instances are single-threaded by contract: JCIP {@code @NotThreadSafe}, a class
 * whose documentation says it is not thread-safe, a private class whose every instance is made for
 * one call, or an
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

    /**
     * True when {@code type} (or a class enclosing it) is single-threaded by contract, or its every
     * instance lives for one call ({@link #madeForOneCall}).
     */
    public static boolean confined(LockFacts facts, ClassFacts type) {
        if (type != null && madeForOneCall(type)) {
            return true;
        }
        for (ClassFacts c = type; c != null; c = c.enclosing()) {
            if (c.documentedNotThreadSafe() || c.declaration() instanceof NodeWithAnnotations<?> annotated
                    && annotated.getAnnotations().stream().anyMatch(a -> a.getName().getIdentifier().equals("NotThreadSafe"))) {
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

    /** A class or an enclosing one documented as not thread-safe ({@link ClassFacts#documentedNotThreadSafe()}). */
    public static boolean documentedNotThreadSafe(ClassFacts type) {
        for (ClassFacts c = type; c != null; c = c.enclosing()) {
            if (c.documentedNotThreadSafe()) {
                return true;
            }
        }
        return false;
    }

    /**
     * "not thread-safe", "not synchronized", "not safe for concurrent use" (or Chinese "线程不安全",
     * "非线程安全") said of the class itself: the phrase opens the sentence ("NOT thread safe."), or
     * only "This class is", "The implementation is", "Instances of this class are" or the class's
     * own name comes before it ("It is" may mean the object the previous sentence named). A
     * sentence about something the class wraps, holds or hands out ("The underlying implementation
     * is not thread-safe, so every method holds the lock", ".. wraps a SimpleDateFormat, which is
     * not thread-safe") says nothing of the kind. Held-out sample 41: OpenDaylight's
     * AdjRibInWriter ("This class is NOT thread-safe", above {@code @GuardedBy} fields its owner's
     * lock covers) and holo-client's HoloClient ("线程不安全", a double-checked pool) were judged
     * wrong and debatable.
     */
    public static boolean saysNotThreadSafe(String comment, String simpleName) {
        if (comment.isEmpty()) {
            return false;
        }
        String text = comment.replaceAll("(?m)^\\s*(/\\*\\*?|\\*/|\\*|//)", " ").replaceAll("<[^>]+>|\\{@\\w+\\s*|}", " ")
                .replaceAll("\\s+", " ").strip();
        Matcher chinese = CHINESE_NOT_THREAD_SAFE.matcher(text);
        if (chinese.find() && CHINESE_SUBJECT.matcher(text.substring(0, chinese.start())).matches()) {
            return true; // 线程不安全，.. at the start, or 该类线程不安全
        }
        String name = Pattern.quote(simpleName);
        Pattern subject = Pattern.compile("(?i)(?:(?:note(?: that)?|warning|important)[:,]? )?(?:"
                + "(?:this|the) (?:class|implementation|object|type|component)|instances of (?:this class|" + name + ")"
                + "|an? " + name + "(?: instance| object)?|" + name + "(?: instances| objects)?|)"
                + " ?(?:is|are)?(?: also| itself)? ?");
        for (String sentence : text.split("(?<=[.!?;:])\\s+")) {
            Matcher m = NOT_THREAD_SAFE.matcher(sentence);
            if (m.find() && subject.matcher(sentence.substring(0, m.start())).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CHINESE_NOT_THREAD_SAFE = Pattern.compile("线程不安全|非线程安全|不是线程安全");
    /** Nothing before the phrase, or "this class (is)": 该类, 此类, 本类, 这个类. */
    private static final Pattern CHINESE_SUBJECT = Pattern.compile("\\s*(?:(?:该|此|本|这个)类\\s*(?:是)?)?\\s*");
    private static final Pattern NOT_THREAD_SAFE = Pattern.compile(
            "(?i)\\b(?:not|non-?)\\s*(?:thread[- ]?safe|synchronized|safe (?:for|to be used (?:by|from|in)) (?:use (?:by|from|in) )?(?:multiple|concurrent|multi))");

    /**
     * A private or local class whose every instance is made for one call ({@code new
     * ServiceLoader(type).getService()}) and that never hands {@code this} out: each instance stays
     * with the thread that made it (jbatch's {@code ServicesManagerImpl.ServiceLoader}, held-out sample
     * 30: judged wrong). Private, so every {@code new} of it is in this file.
     */
    static boolean madeForOneCall(ClassFacts type) {
        if (!(type.declaration() instanceof ClassOrInterfaceDeclaration declaration) || declaration.isInterface()
                || !declaration.isPrivate() && !declaration.isLocalClassDeclaration()) {
            return false;
        }
        String name = declaration.getNameAsString();
        Node unit = declaration.findRootNode();
        List<ObjectCreationExpr> creations = unit.findAll(ObjectCreationExpr.class,
                c -> c.getType().getNameAsString().equals(name));
        boolean eachForOneCall = !creations.isEmpty() && creations.stream().allMatch(c -> c.getAnonymousClassBody().isEmpty()
                && c.getParentNode().orElse(null) instanceof MethodCallExpr call && call.getScope().orElse(null) == c);
        // this handed out (an argument, a stored or returned value) may reach another thread.
        return eachForOneCall && declaration.findAll(ThisExpr.class, t -> t.getTypeName().isEmpty()
                && !(t.getParentNode().orElse(null) instanceof FieldAccessExpr f && f.getScope() == t)
                && !(t.getParentNode().orElse(null) instanceof MethodCallExpr m && m.getScope().orElse(null) == t)
                && !(t.getParentNode().orElse(null) instanceof com.github.javaparser.ast.stmt.SynchronizedStmt)).isEmpty();
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
