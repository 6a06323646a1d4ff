package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonAtomicCompoundCallTest {
    private final RuleTester tester = RuleTester.of(new NonAtomicCompoundCall());

    /**
     * A synchronized LRU map drops entries on other threads' puts, with no remove in the file:
     * {@code containsKey} then {@code get} finds null (broadleaf's ReflectiveWorkOnChange, issue
     * 1357, threw for it): high. A map that does not evict, and a weak map (the looking thread holds
     * its key), stay silent without a removal.
     */
    @Test
    void containsKeyThenGetOnAMapThatEvictsByItself() {
        tester.check("""
                import java.lang.reflect.Method;
                import java.util.*;
                import org.apache.commons.collections.map.LRUMap;

                class MethodCache {
                    private static Map<String, Method> methods = Collections.synchronizedMap(new LRUMap(10, 1000));
                    private final Map<String, Object> recent = Collections.synchronizedMap(new LinkedHashMap<String, Object>(16, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) { return size() > 100; }
                    });
                    private final Map<String, Object> plain = Collections.synchronizedMap(new HashMap<>());
                    private final Map<Object, Object> weak = Collections.synchronizedMap(new WeakHashMap<>());

                    Method find(String key) {
                        Method method;
                        if (methods.containsKey(key)) {
                            method = methods.get(key); // expect: NonAtomicCompoundCall may have been evicted (null)
                        } else {
                            method = lookUp(key);
                            methods.put(key, method);
                        }
                        return method;
                    }

                    int size(String key) {
                        if (recent.containsKey(key)) {
                            return recent.get(key).hashCode(); // expect: NonAtomicCompoundCall evicted
                        }
                        recent.put(key, new Object());
                        return 0;
                    }

                    Object other(String key, Object k) {
                        plain.put(key, key);
                        weak.put(k, key);
                        if (weak.containsKey(k)) {
                            weak.get(k).hashCode();
                        }
                        return plain.containsKey(key) ? plain.get(key) : null;
                    }

                    private Method lookUp(String key) { return null; }
                }
                """);
    }

    /**
     * A fresh empty collection put for an absent key (j2ssh's tunnel tables, olingo's function
     * index: all judged debatable on held-out code): a racing thread replaces another's still-empty
     * collection: low. An object that holds something (a session, a connection) stays high.
     */
    @Test
    void aFreshEmptyCollectionPutForAnAbsentKeyIsLow() {
        tester.check("""
                import java.util.*;

                class Tunnels {
                    private final Hashtable<String, Vector<Object>> tunnels = new Hashtable<>();
                    private final Map<String, List<Object>> byName = Collections.synchronizedMap(new HashMap<>());
                    private final Map<String, Object> sessions = Collections.synchronizedMap(new HashMap<>());

                    void start(String key, Object t) {
                        if (!tunnels.containsKey(key)) {
                            tunnels.put(key, new Vector<>()); // expect-low: NonAtomicCompoundCall
                        }
                        if (!byName.containsKey(key)) {
                            byName.put(key, new ArrayList<>(4)); // expect-low: NonAtomicCompoundCall
                        }
                        if (!sessions.containsKey(key)) {
                            sessions.put(key, new StringBuilder(key)); // expect: NonAtomicCompoundCall
                        }
                        if (!byName.containsKey(key + "/")) {
                            byName.put(key + "/", new ArrayList<>(List.of(t))); // expect: NonAtomicCompoundCall
                        }
                    }

                    void stop(String key) {
                        tunnels.remove(key);
                        byName.remove(key);
                        sessions.remove(key);
                    }
                }
                """);
    }

    @Test
    void synchronizedWrappers() {
        var findings = tester.check("""
                import java.util.*;

                class Sessions {
                    private final Map<String, Object> sessions = Collections.synchronizedMap(new HashMap<>());
                    private final List<String> names = Collections.synchronizedList(new ArrayList<>());

                    Object open(String id) {
                        if (!sessions.containsKey(id)) {
                            sessions.put(id, new Object()); // expect: NonAtomicCompoundCall putIfAbsent/computeIfAbsent
                        }
                        if (sessions.get(id) == null) {
                            sessions.put(id, new Object()); // expect: NonAtomicCompoundCall
                        }
                        if (sessions.containsKey(id)) {
                            return sessions.get(id); // expect-low: NonAtomicCompoundCall may be gone
                        }
                        if (sessions.containsKey(id + "/")) {
                            return sessions.get(id + "/").toString(); // expect-low: NonAtomicCompoundCall may be gone
                        }
                        return sessions.get(id) != null ? sessions.get(id).toString() : null; // expect: NonAtomicCompoundCall
                    }

                    /** spring-integration's dynamic channels: racing threads put what they resolved for the name. */
                    void remember(String id, Object resolved) {
                        if (sessions.get(id) == null) {
                            sessions.put(id, resolved); // expect-low: NonAtomicCompoundCall
                        }
                        Object made = new Object();
                        if (sessions.get(id) == null) {
                            sessions.put(id, made); // expect: NonAtomicCompoundCall
                        }
                    }

                    void register(String name) {
                        if (!names.contains(name)) {
                            names.add(name); // expect-low: NonAtomicCompoundCall duplicated
                        }
                        if (names.size() > 0) {
                            names.remove(0); // expect: NonAtomicCompoundCall an exception
                        }
                        if (!names.isEmpty()) {
                            names.get(names.size() - 1); // expect: NonAtomicCompoundCall
                        }
                    }

                    void forget(String id) {
                        sessions.remove(id);
                        names.clear();
                    }
                }
                """);
        assertThat(findings.get(0).related()).singleElement()
                .satisfies(r -> assertThat(r.node().getBegin().get().line).isEqualTo(8));
        assertThat(findings.get(0).properties()).containsEntry("lock", "Sessions.sessions");
    }

    /**
     * Entries that leave only when the registry shuts down (a {@code clear()} in {@code shutdown()}):
     * a look-up racing with that end is low. A removal during normal work (a listener dropping an
     * entry, {@code closeSession(id)} on every disconnect) keeps it high.
     */
    @Test
    void removalsOnlyWhenTearingDownAreLow() {
        tester.check("""
                import java.util.*;

                class Registry {
                    private final Map<String, Object> instances = new Hashtable<>();
                    private final Map<String, Object> cache = Collections.synchronizedMap(new HashMap<>());

                    Object instance(String protocol) {
                        if (instances.get(protocol) != null) {
                            return instances.get(protocol).toString(); // expect-low: NonAtomicCompoundCall
                        }
                        if (cache.get(protocol) != null) {
                            return cache.get(protocol).toString(); // expect: NonAtomicCompoundCall
                        }
                        return null;
                    }

                    synchronized void shutdown() { instances.clear(); cache.clear(); sessions.clear(); pooled.clear(); }
                    void onDeleted(String protocol) { cache.remove(protocol); }
                    private final Map<String, Object> sessions = new Hashtable<>();
                    Object session(String id) {
                        if (sessions.get(id) != null) {
                            return sessions.get(id).toString(); // expect: NonAtomicCompoundCall
                        }
                        return null;
                    }
                    void closeSession(String id) { sessions.remove(id); }
                    private final Map<String, Object> pooled = new Hashtable<>();
                    Object pooled(String id) {
                        if (pooled.get(id) != null) {
                            return pooled.get(id).toString(); // expect: NonAtomicCompoundCall
                        }
                        return null;
                    }
                    void closeIdleConnections() { pooled.clear(); }
                }
                """);
    }

    /** The legacy types: high confidence when the file locks something, low when Vector is likely just an old list. */
    @Test
    void legacyTypes() {
        tester.check("""
                import java.util.*;
                import java.util.Stack;

                class Jobs {
                    private final Vector<Runnable> jobs = new Vector<>();
                    private final Hashtable<String, Integer> counts = new Hashtable<>();
                    private final Stack<String> undo = new Stack<>();

                    Runnable next() {
                        if (!jobs.isEmpty()) {
                            return jobs.firstElement(); // expect-low: NonAtomicCompoundCall
                        }
                        if (counts.get("x") == null) {
                            counts.put("x", 1); // expect-low: NonAtomicCompoundCall
                        }
                        if (!undo.isEmpty()) {
                            undo.pop(); // expect-low: NonAtomicCompoundCall
                        }
                        return null;
                    }

                    void drain() {
                        jobs.clear();
                    }
                }
                """);
        tester.check("""
                import java.util.*;

                class Jobs {
                    private final Vector<Runnable> jobs = new Vector<>();
                    private volatile boolean running;

                    synchronized void stop() {
                        running = false;
                    }

                    Runnable next() {
                        if (jobs.size() > 0) {
                            return jobs.remove(0); // expect: NonAtomicCompoundCall synchronize on
                        }
                        return null;
                    }

                    void cancelAll() {
                        jobs.removeAllElements();
                    }
                }
                """);
    }

    /**
     * The only removals are the method's own (qpid's pullMessage, run by its single consumer thread):
     * the race needs two threads in that method at once, which the rule cannot see; low. A removal
     * elsewhere, even in a lambda of the same method, keeps it high.
     */
    @Test
    void onlyTheMethodItselfRemoves() {
        tester.check("""
                import java.util.*;

                class Source {
                    private final List<Object> queue = Collections.synchronizedList(new ArrayList<>());
                    private final List<Object> pending = Collections.synchronizedList(new ArrayList<>());

                    void send(Object m) {
                        queue.add(m);
                        pending.add(m);
                    }

                    Object pull() {
                        if (!queue.isEmpty()) {
                            return queue.remove(0); // expect-low: NonAtomicCompoundCall
                        }
                        return null;
                    }

                    Object pullPending(List<Runnable> later) {
                        later.add(() -> pending.clear());
                        if (!pending.isEmpty()) {
                            return pending.remove(0); // expect: NonAtomicCompoundCall
                        }
                        return null;
                    }
                }
                """);
    }

    /**
     * Xerces' entity manager: one parser's object, whose only lock is a synchronized static helper
     * for a static cache (and the word in a comment): its Stack is an old-style list, low. A static
     * Stack next to the same static lock stays high.
     */
    @Test
    void aStaticLockSaysNothingAboutAnInstancesStack() {
        tester.check("""
                import java.util.Stack;

                class EntityManager {
                    private final Stack<String> entities = new Stack<>();
                    private static final Stack<String> shared = new Stack<>();
                    private static String userDir;

                    // a static method, so it needs to be synchronized
                    private static synchronized String userDir() {
                        if (userDir == null) {
                            userDir = System.getProperty("user.dir");
                        }
                        return userDir;
                    }

                    void endEntity() {
                        if (entities.size() > 0) {
                            entities.pop(); // expect-low: NonAtomicCompoundCall
                        }
                        if (shared.size() > 0) {
                            shared.pop(); // expect: NonAtomicCompoundCall
                        }
                    }

                    void reset() {
                        entities.clear();
                        shared.clear();
                    }
                }
                """);
    }

    /** tomcat's SystemLogHandler: the pop after the emptiness check catches EmptyStackException, the race is handled. */
    @Test
    void handledRace() {
        tester.check("""
                import java.util.EmptyStackException;
                import java.util.Stack;

                class SystemLogHandler {
                    private static final Stack<StringBuilder> reuse = new Stack<>();

                    static StringBuilder start() {
                        StringBuilder log;
                        if (!reuse.isEmpty()) {
                            try {
                                log = reuse.pop();
                            } catch (EmptyStackException e) {
                                log = new StringBuilder();
                            }
                        } else {
                            log = new StringBuilder();
                        }
                        return log;
                    }

                    static void stop(StringBuilder log) {
                        reuse.push(log);
                    }
                }
                """);
    }

    /** A class of the project whose public methods are all synchronized is as good as a Vector. */
    @Test
    void fullySynchronizedProjectClass() {
        tester.check("""
                import java.util.*;

                class Registry {
                    private final Map<String, Object> map = new HashMap<>();
                    public synchronized boolean containsKey(String k) { return map.containsKey(k); }
                    public synchronized Object get(String k) { return map.get(k); }
                    public synchronized void put(String k, Object v) { map.put(k, v); }
                    public synchronized void remove(String k) { map.remove(k); }
                }
                class Partial {
                    private final Map<String, Object> map = new HashMap<>();
                    public synchronized boolean containsKey(String k) { return map.containsKey(k); }
                    public void put(String k, Object v) { map.put(k, v); }
                }
                class User {
                    private final Registry registry = new Registry();
                    private final Partial partial = new Partial();
                    void use(String k) {
                        if (!registry.containsKey(k)) {
                            registry.put(k, new Object()); // expect: NonAtomicCompoundCall
                        }
                        if (!partial.containsKey(k)) {
                            partial.put(k, new Object());
                        }
                    }
                }
                """);
    }

    /** The fixes, and the near misses: another lock held, concurrent or plain collections, locals, constructors, reads without removals. */
    @Test
    void negative() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.*;

                class Sessions {
                    private final Map<String, Object> sessions = Collections.synchronizedMap(new HashMap<>());
                    private final Map<String, Object> concurrent = new ConcurrentHashMap<>();
                    private final Map<String, Object> plain = new HashMap<>();
                    private final Set<String> seen = Collections.synchronizedSet(new HashSet<>());
                    private final Map<String, Object> neverRemoved = Collections.synchronizedMap(new HashMap<>());
                    private final Object lock = new Object();

                    Sessions(String id) {
                        if (!sessions.containsKey(id)) {
                            sessions.put(id, new Object());
                        }
                    }

                    Object open(String id) {
                        synchronized (sessions) {
                            if (!sessions.containsKey(id)) {
                                sessions.put(id, new Object());
                            }
                        }
                        synchronized (lock) {
                            if (sessions.get(id) == null) {
                                sessions.put(id, new Object());
                            }
                        }
                        sessions.putIfAbsent(id, new Object());
                        Object v = sessions.get(id);
                        if (!concurrent.containsKey(id)) {
                            concurrent.put(id, new Object());
                        }
                        if (!plain.containsKey(id)) {
                            plain.put(id, new Object());
                        }
                        if (!seen.contains(id)) {
                            seen.add(id);
                        }
                        if (neverRemoved.containsKey(id)) {
                            return neverRemoved.get(id);
                        }
                        if (sessions.containsKey(id)) {
                            sessions.put(id, v);
                        }
                        if (!sessions.containsKey(id)) {
                            sessions.put("other", v);
                        }
                        Map<String, Object> local = new Hashtable<>();
                        if (!local.containsKey(id)) {
                            local.put(id, v);
                        }
                        Runnable later = () -> sessions.get(id);
                        return v;
                    }

                    void close(String id) {
                        sessions.remove(id);
                        neverRemoved.put(id, null);
                    }
                }
                """);
    }

    /**
     * ImageJ: a race inside a try that catches Exception around both calls is handled; a list the
     * method has just made anew (AVI_Reader's frameInfos) is its own: low.
     */
    @Test
    void aCaughtRaceAndAFreshObjectOfTheMethod() {
        tester.check("""
                import java.util.*;
                class Windows {
                    private static Vector<Object> activations = new Vector<>();
                    private Vector<long[]> frameInfos;
                    static synchronized void touch() { }
                    static void removeWindow(Object win) {
                        try {
                            activations.remove(win);
                            Object next = activations.size() > 0 ? activations.get(activations.size() - 1) : null;
                        } catch (Exception e) {
                        }
                    }
                    static Object last() {
                        return activations.size() > 0 ? activations.get(activations.size() - 1) : null; // expect: NonAtomicCompoundCall
                    }
                    synchronized void mark() { }
                    void read() {
                        frameInfos = new Vector<>();
                        frameInfos.add(new long[] {1});
                        if (frameInfos.size() > 0) {
                            long[] first = frameInfos.get(0); // expect-low: NonAtomicCompoundCall
                        }
                    }
                    void clear() {
                        frameInfos.clear();
                    }
                }
                """);
    }

    /**
     * brooklyn's class-loading stack: the pair runs after the class's own owner-thread lock is taken
     * (low). A {@code Stack} named through {@code import java.util.*} is known.
     */
    @Test
    void aPairAfterALockOfTheClassesOwnMakingIsLow() {
        tester.check("""
                import java.util.*;
                class Contexts {
                    private final Stack<Object> contexts = new Stack<>();
                    private final Object owner = new Object();
                    void push(Object c) {
                        acquireLock();
                        if (!contexts.isEmpty()) {
                            Object old = contexts.peek(); // expect-low: NonAtomicCompoundCall
                        }
                        contexts.push(c);
                    }
                    Object top() {
                        if (!contexts.isEmpty()) {
                            return contexts.peek(); // expect: NonAtomicCompoundCall
                        }
                        return null;
                    }
                    void pop() {
                        synchronized (owner) {
                            contexts.pop();
                        }
                    }
                    protected void acquireLock() {
                        synchronized (owner) {
                            owner.notifyAll();
                        }
                    }
                }
                """);
    }
    /**
     * jetty 6's XmlParser: a synchronized parse() guards the parser's other state, and the Stack its
     * SAX handler pushes and pops is used under no lock anywhere: an old-style list (low). Once the
     * file uses the Stack holding a lock, it is shared state (high).
     */
    @Test
    void aLockThatNeverCoversTheLegacyFieldSaysNothingAboutIt() {
        String source = """
                import java.util.Stack;

                class Parser {
                    private final Stack<Object> observers = new Stack<>();
                    private Object last;

                    synchronized Object parse(String text) {
                        last = text;
                        %s
                        return new Handler();
                    }

                    class Handler {
                        void start(Object o) {
                            observers.push(o);
                        }
                        void skip(Object o) {
                            observers.remove(o);
                        }
                        void end() {
                            if (!observers.isEmpty()) {
                                observers.pop(); // %s: NonAtomicCompoundCall
                            }
                        }
                    }
                }
                """;
        tester.check(source.formatted("", "expect-low"));
        tester.check(source.formatted("observers.clear();", "expect"));
    }

    /**
     * The fresh collection filled right after, by the same method ({@code if (!m.containsKey(k))
     * m.put(k, new ArrayList<>()); m.get(k).add(v);}): a racing thread's put replaces a list that
     * already holds the other thread's element, which is lost (broadleaf's hydrated cache, held-out
     * sample 40: judged true, written with a local). Not an empty collection any more: high.
     */
    @Test
    void aFreshCollectionFilledRightAfterThePutStaysHigh() {
        tester.check("""
                import java.util.*;

                class Members {
                    private final Map<String, List<String>> byEntity = Collections.synchronizedMap(new HashMap<>());
                    private final Hashtable<String, Vector<String>> tunnels = new Hashtable<>();
                    private volatile boolean open;

                    void add(String key, String member) {
                        if (!byEntity.containsKey(key)) {
                            byEntity.put(key, new ArrayList<>()); // expect: NonAtomicCompoundCall
                        }
                        byEntity.get(key).add(member);
                    }

                    void open(String key, String tunnel) {
                        if (!tunnels.containsKey(key)) {
                            tunnels.put(key, new Vector<>()); // expect: NonAtomicCompoundCall
                        }
                        tunnels.get(key).addElement(tunnel);
                    }

                    void remove(String key) {
                        byEntity.remove(key);
                        tunnels.remove(key);
                    }
                }
                """);
    }
}
