package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class StaticStateUnderInstanceLockTest {
    private final RuleTester tester = RuleTester.of(new StaticStateUnderInstanceLock());

    /**
     * scouter's Logger: the instance lock of an anonymous class that a static field's initializer
     * makes once is as global as the class's: silent. One made per call stays reported.
     */
    @Test
    void anAnonymousClassMadeOnceByAStaticFieldIsASingleton() {
        tester.check("""
                import java.util.*;
                class Logger {
                    private static final List<String> lines = new ArrayList<>();
                    static Runnable initializer = new Runnable() {
                        public void run() { process(); }
                        private synchronized void process() {
                            lines.add("started");
                        }
                    };
                    static Runnable task() {
                        return new Runnable() {
                            public synchronized void run() {
                                lines.add("task"); // expect: StaticStateUnderInstanceLock
                            }
                        };
                    }
                }
                """);
    }

    @Test
    void positive() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.locks.*;

                class Session {
                    private static int active;
                    private static long total;
                    private static int threads;
                    private static Session current;
                    private static final List<String> NAMES = new ArrayList<>();
                    private final Lock lock = new ReentrantLock();

                    synchronized void open(String name) {
                        active++; // expect-low: StaticStateUnderInstanceLock Session.active
                        NAMES.add(name); // expect: StaticStateUnderInstanceLock
                        new Thread(() -> { }, "Session-" + (++threads)).start(); // expect-low: StaticStateUnderInstanceLock Session.threads
                        String label = "s" + ++threads + "-" + name; // the second write of threads here: one finding above
                        current = this; // expect-low: StaticStateUnderInstanceLock Session.current
                    }

                    void close() {
                        lock.lock();
                        try {
                            long id = total++; // expect-low: StaticStateUnderInstanceLock Session.lock
                            Session.active = 0; // expect-low: StaticStateUnderInstanceLock
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }

    /**
     * javafx's IosSystemClipboard: a static map made and filled in one synchronized method is one race,
     * reported once, at the first write that is not a plain store; the map's creation and the other puts
     * are its related places. Another method's write is a finding of its own.
     */
    @Test
    void aFieldWrittenSeveralTimesInOneMethodIsOneFinding() {
        tester.check("""
                import java.util.*;
                class Clipboard {
                    private static HashMap<String, String> utm = null;
                    private synchronized String utfToMime(String utf) {
                        if (utm == null) {
                            utm = new HashMap<>(6);
                            utm.put("a", "text"); // expect: StaticStateUnderInstanceLock Clipboard.utm is written (and 2 more times in this method)
                            utm.put("b", "html");
                        }
                        return utm.get(utf);
                    }
                    synchronized void reset() {
                        utm.clear(); // expect: StaticStateUnderInstanceLock Clipboard.utm is written while
                    }
                }
                """);
    }

    /** elytron's Attributes: a field of an anonymous class in an interface's default method is no interface constant. */
    @Test
    void aFieldOfAnAnonymousClassInAnInterfaceIsAnInstanceField() {
        tester.check("""
                import java.util.*;
                interface Attributes {
                    Object get(String key);
                    default Attributes asReadOnly() {
                        return new Attributes() {
                            private Map<String, Object> entryCache = new HashMap<>();
                            @Override
                            public synchronized Object get(String key) {
                                return this.entryCache.computeIfAbsent(key, s -> new Object());
                            }
                        };
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;

                class Session {
                    private static int active;
                    private static volatile boolean shutdown;
                    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
                    private static final Lock STATIC_LOCK = new ReentrantLock();
                    private static final Object MONITOR = new Object();
                    private int mine;

                    static synchronized void open() {
                        active++;
                    }

                    synchronized void close(String key) {
                        mine++;
                        shutdown = true;
                        CACHE.put(key, key);
                        synchronized (Session.class) {
                            active--;
                        }
                        synchronized (MONITOR) {
                            active = 0;
                        }
                    }

                    void locked() {
                        STATIC_LOCK.lock();
                        try {
                            active++;
                        } finally {
                            STATIC_LOCK.unlock();
                        }
                        active = 1;
                    }

                    void unknownLock(Object lock) {
                        synchronized (lock) {
                            active++;
                        }
                    }
                }
                """);
    }

    /** artemis' JChannelManager: one instance, so its monitor guards the static map like a class lock. */
    @Test
    void aSingletonsInstanceLockIsGlobal() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                class ChannelManager {
                    private static final ChannelManager INSTANCE = new ChannelManager();
                    private static final Map<String, Object> channels = new HashMap<>();
                    private ChannelManager() { }
                    static ChannelManager getInstance() { return INSTANCE; }
                    synchronized void add(String name) { channels.put(name, new Object()); }
                }
                class Registry {
                    private static final Map<String, Object> entries = new HashMap<>();
                    Registry() { }
                    synchronized void add(String name) {
                        entries.put(name, new Object()); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * imq's MQModelProvider (held-out sample 32, judged wrong): its one instance sits in a static
     * final field, but the constructor is public (a framework may make another): low, not silent.
     */
    @Test
    void aStaticInstanceWithAPublicConstructorIsLow() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                class ModelProvider {
                    private static final ModelProvider INSTANCE = new ModelProvider();
                    private static final Map<String, Object> clusters = new HashMap<>();
                    public ModelProvider() { }
                    static void initialize() { INSTANCE.start(); }
                    private void start() { }
                    synchronized void add(String name) {
                        clusters.put(name, new Object()); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * carbondata's UnsafeMemoryManager (held-out sample 31, judged wrong): the one instance is made
     * in a static initializer; a lazy singleton makes it under a null check. A class that makes two
     * instances, or one into an instance field, is no singleton.
     */
    @Test
    void aSingletonMadeInAStaticInitializerOrLazilyIsOneInstance() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                class MemoryManager {
                    public static final MemoryManager INSTANCE;
                    private static final Map<Long, Object> blocks;
                    static {
                        INSTANCE = new MemoryManager(64);
                        blocks = new HashMap<>();
                    }
                    private MemoryManager(long size) { }
                    synchronized void allocate(long task) { blocks.put(task, new Object()); }
                }
                class Lazy {
                    private static Lazy instance;
                    private static final Map<Long, Object> blocks = new HashMap<>();
                    private Lazy() { }
                    static synchronized Lazy get() {
                        if (instance == null) {
                            instance = new Lazy();
                        }
                        return instance;
                    }
                    synchronized void allocate(long task) { blocks.put(task, new Object()); }
                }
                class TwoOfThem {
                    static final TwoOfThem INTERNAL = new TwoOfThem();
                    static final TwoOfThem EXTERNAL = new TwoOfThem();
                    private static final Map<Long, Object> blocks = new HashMap<>();
                    private TwoOfThem() { }
                    synchronized void allocate(long task) {
                        blocks.put(task, new Object()); // expect: StaticStateUnderInstanceLock
                    }
                }
                class Copies {
                    private static final Map<Long, Object> blocks = new HashMap<>();
                    private Copies next;
                    private Copies() { }
                    synchronized void grow(long task) {
                        next = new Copies();
                        blocks.put(task, next); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * OpenAM's SMSEmbeddedLdapObject (held-out sample 31, judged debatable): a static flag makes the
     * static set-up run once, for whichever instance comes first: low. The same mutation without
     * the once-only flag stays high.
     */
    @Test
    void staticStateSetUpOnceBehindAStaticFlagIsLow() {
        tester.check("""
                import java.util.*;
                class Embedded {
                    static boolean initialized = false;
                    static Set<String> orgAttr;
                    static Set<String> unitAttr = new HashSet<>();
                    private synchronized void initialize() {
                        if (initialized) {
                            return;
                        }
                        orgAttr = new LinkedHashSet<>(1); // expect-low: StaticStateUnderInstanceLock (and 1 more time in this method)
                        orgAttr.add("o"); // the same field in the same method: one finding, above
                        initialized = true; // expect-low: StaticStateUnderInstanceLock
                    }
                    synchronized void register(String name) {
                        unitAttr.add(name); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * A static counter that only numbers a thread's name, in the text or through
     * {@code Integer.toString(..)} (luaj's coroutines; a held-out pool's thread ids, sample 31):
     * a lost update names two threads alike: low. A number handed out as an id is low too, as
     * every static counter: whether a duplicate matters is the reviewers' call.
     */
    @Test
    void aCounterThatOnlyNumbersANameIsLow() {
        tester.check("""
                class Pool {
                    private static int count;
                    private static int nextThreadId;
                    private static long nextId;
                    private final String poolName = "p";
                    synchronized Thread spawn(Runnable r) {
                        return new Thread(r, "Coroutine-" + (++count)); // expect-low: StaticStateUnderInstanceLock
                    }
                    private synchronized String nextThreadName() {
                        return poolName + ".Thread#" + Integer.toString(nextThreadId++); // expect-low: StaticStateUnderInstanceLock
                    }
                    synchronized long newId() {
                        return nextId++; // expect-low: StaticStateUnderInstanceLock
                    }
                    private static int seq;
                    synchronized String label() {
                        return String.format("#%02d", seq++); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * The number reaches the name through the class's own methods: returned by a synchronized
     * helper (jradius's threads), kept in a field its getter returns (java3d's threads), or
     * appended to {@code getClass().getName()} (ranger's audit queue): low. So are the same helper
     * whose number is also used as an id, a kept number read elsewhere, a method that is not private,
     * and one also called on another object: every static counter is low.
     */
    @Test
    void aCounterThatNumbersANameThroughItsOwnMethodsIsLow() {
        tester.check("""
                class Worker extends Thread {
                    private static int threadCount = 0;
                    private synchronized int getThreadNumber() { return ++threadCount; } // expect-low: StaticStateUnderInstanceLock
                    Worker() { setName(getClass().getName() + "(" + getThreadNumber() + ")"); }
                    Worker(Runnable r) { super(r); setName(this.getClass().getName() + "(" + this.getThreadNumber() + ")"); }
                }
                class Scheduler extends Thread {
                    private static int numInstances = 0;
                    private int instanceNum = -1;
                    private synchronized int newInstanceNum() {
                        return (++numInstances); // expect-low: StaticStateUnderInstanceLock
                    }
                    private int getInstanceNum() {
                        if (instanceNum == -1)
                            instanceNum = newInstanceNum();
                        return instanceNum;
                    }
                    Scheduler() { setName("J3D-Scheduler-" + getInstanceNum()); }
                }
                class Queue {
                    static int threadCount = 0;
                    Thread consumer;
                    synchronized void start() {
                        consumer = new Thread(() -> {}, this.getClass().getName() + (threadCount++)); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                class Ids {
                    private static int next = 0;
                    private synchronized int nextNumber() {
                        return ++next; // expect-low: StaticStateUnderInstanceLock
                    }
                    String name() { return "id-" + nextNumber(); }
                    int id() { return nextNumber(); }
                }
                class Kept {
                    private static int numInstances = 0;
                    private int instanceNum = -1;
                    private synchronized int newInstanceNum() {
                        return ++numInstances; // expect-low: StaticStateUnderInstanceLock
                    }
                    int getInstanceNum() {
                        if (instanceNum == -1)
                            instanceNum = newInstanceNum();
                        return instanceNum;
                    }
                    String name() { return "kept-" + getInstanceNum(); }
                    boolean same(Kept other) { return instanceNum == other.instanceNum; }
                }
                class NoCaller {
                    private static int n = 0;
                    synchronized int next() {
                        return ++n; // expect-low: StaticStateUnderInstanceLock
                    }
                }
                class Session {
                    private static long counter = 0;
                    public synchronized long nextSessionId() {
                        return ++counter; // expect-low: StaticStateUnderInstanceLock
                    }
                    Session() { new Thread(() -> {}, "session-" + nextSessionId()); }
                }
                class Registry {
                    private final java.util.Map<Long, Session> byId = new java.util.HashMap<>();
                    void register(Session s) { byId.put(s.nextSessionId(), s); }
                }
                class Handle {
                    private static long counter = 0;
                    private synchronized long nextHandle() {
                        return ++counter; // expect-low: StaticStateUnderInstanceLock
                    }
                    Handle() { new Thread(() -> {}, "handle-" + nextHandle()); }
                    static long peek(Handle h) { return h.nextHandle(); }
                }
                """);
    }

    /** jcs's cache listener looks its host name up once: two instances racing compute it twice. */
    @Test
    void aStaticLazilyInitializedUnderAnInstanceLockIsLow() {
        tester.check("""
                import java.util.HashMap;
                import java.util.Map;
                class Listener {
                    private static String localHostName;
                    private static final Map<String, Integer> counts = new HashMap<>();
                    synchronized String host() {
                        if (localHostName == null) {
                            localHostName = lookUp(); // expect-low: StaticStateUnderInstanceLock
                        }
                        return localHostName;
                    }
                    synchronized void count(String key) {
                        counts.put(key, 1); // expect: StaticStateUnderInstanceLock
                    }
                    private static String lookUp() {
                        return "localhost";
                    }
                }
                """);
    }

    /**
     * Hadoop's UdevUtil.init, mchange's FallbackMLog, resin's TldManager: a plain store, the last
     * instance's value wins and nothing is lost; a sum is a counter (low); any other store that reads
     * the field loses updates, and a field's one finding in a method is at its first high write.
     */
    @Test
    void aPlainStoreIsLowAndAStoreThatReadsTheFieldIsNot() {
        tester.check("""
                import java.util.*;
                class Udev {
                    private static Library library;
                    private static Library mine;
                    private static List<String> paths;
                    private static long total;
                    private static String level;
                    private static int retries = 3;
                    private static int counted;
                    private final Settings settings = new Settings();
                    synchronized void init(String newLevel, long n) {
                        library = Library.INSTANCE; // expect-low: StaticStateUnderInstanceLock
                        mine = new Library(); // expect-low: StaticStateUnderInstanceLock
                        List<String> found = new ArrayList<>();
                        paths = found; // expect-low: StaticStateUnderInstanceLock
                        level = newLevel; // expect-low: StaticStateUnderInstanceLock
                        total = total + n; // a counter (low), but the field's one finding is the write below
                        retries = settings.getInt("retries", retries); // expect-low: StaticStateUnderInstanceLock
                        counted = settings.getInt("counted", 0) + counted; // expect-low: StaticStateUnderInstanceLock
                        total = Math.max(total, n); // expect: StaticStateUnderInstanceLock
                    }
                }
                class Library {
                    static final Library INSTANCE = new Library();
                }
                class Settings {
                    int getInt(String key, int defaultValue) { return defaultValue; }
                }
                """);
    }

    /** openjpa's OSGi listener: a Class object kept in a field is still one lock per class. */
    @Test
    void aClassObjectInAFieldIsAClassLevelLock() {
        tester.check("""
                class Runtime {
                    private static Object manager;
                    static final class Listener {
                        final Class<Runtime> clazzRef;
                        final Object mine = new Object();
                        Listener() {
                            this.clazzRef = Runtime.class;
                        }
                        void changed(Object m) {
                            synchronized (this.clazzRef) {
                                manager = m;
                            }
                            synchronized (mine) {
                                manager = m; // expect-low: StaticStateUnderInstanceLock
                            }
                        }
                    }
                }
                """);
    }

    /** JOTM's Current: every constructor registers the new object as the VM's unique one (low); a class that does not stays high. */
    @Test
    void aClassWhoseConstructorsRegisterTheInstanceIsLow() {
        tester.check("""
                import java.util.*;
                class Current {
                    private static Current unique;
                    private static final Map<Object, Object> txXids = new HashMap<>();
                    Current() {
                        unique = this;
                    }
                    Current(int timeout) {
                        this.unique = this;
                    }
                    synchronized void put(Object xid, Object tx) {
                        txXids.put(xid, tx); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                class Registry {
                    private static Registry last;
                    private static final Map<Object, Object> entries = new HashMap<>();
                    Registry() {
                    }
                    Registry(int n) {
                        last = this;
                    }
                    synchronized void put(Object k, Object v) {
                        entries.put(k, v); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * diozero's OneWireDeviceType: an enum registers each constant from its constructor through a
     * synchronized private method; the constants are made while the class initializes, on one
     * thread. The same registration from a public method is reported.
     */
    @Test
    void anEnumRegisteringItsConstantsWhileItInitializesIsSilent() {
        tester.check("""
                import java.util.*;
                enum DeviceType {
                    A(1), B(2);
                    private static Map<Integer, DeviceType> TYPES;
                    private final int id;
                    DeviceType(int id) {
                        this.id = id;
                        addType();
                    }
                    private synchronized void addType() {
                        if (TYPES == null) {
                            TYPES = new HashMap<>();
                        }
                        TYPES.put(id, this);
                    }
                    public synchronized void register() {
                        TYPES.put(id, this); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * WSO2's user-core listener component (held-out sample 44): an OSGi Declarative Services
     * component is made once by the container, so its instance lock is as global as the class's in
     * the running application: low. Its member classes are not components.
     */
    @Test
    void anOsgiComponentsInstanceLockIsLow() {
        tester.check("""
                import java.util.*;
                import org.osgi.service.component.annotations.Component;
                @Component(name = "listeners", immediate = true)
                class ListenerComponent {
                    private static Map<Integer, Runnable> listeners;
                    protected synchronized void setListener(Runnable r) {
                        if (listeners == null) {
                            listeners = new TreeMap<>(); // expect-low: StaticStateUnderInstanceLock
                        }
                        listeners.put(r.hashCode(), r);
                    }
                    class Tracker {
                        synchronized void track(Runnable r) {
                            listeners.put(1, r); // expect: StaticStateUnderInstanceLock
                        }
                    }
                }
                """);
    }

    /** Spring's stereotypes and JSR-330's {@code @Singleton}, imported on demand or written out. */
    @Test
    void springAndInjectSingletonsAreLow() {
        tester.check("""
                import java.util.*;
                import org.springframework.stereotype.*;
                @Service
                class Registry {
                    private static final List<String> names = new ArrayList<>();
                    synchronized void register(String name) {
                        names.add(name); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                @javax.inject.Singleton
                class Counter {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String name) {
                        seen.add(name); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                """);
    }

    /**
     * Many instances after all: a prototype-scoped Spring bean, an OSGi component factory or
     * prototype scope, and a {@code @Component} of some other library (not the container's).
     */
    @Test
    void factoriesPrototypesAndOtherComponentAnnotationsStayReported() {
        tester.check("""
                import java.util.*;
                import org.springframework.context.annotation.Scope;
                import org.springframework.stereotype.Component;
                @Component
                @Scope("prototype")
                class Job {
                    private static final List<String> runs = new ArrayList<>();
                    synchronized void run(String id) {
                        runs.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @org.osgi.service.component.annotations.Component(factory = "jobs")
                class FactoryJob {
                    private static final List<String> runs = new ArrayList<>();
                    synchronized void run(String id) {
                        runs.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @org.osgi.service.component.annotations.Component(scope = ServiceScope.PROTOTYPE)
                class PrototypeJob {
                    private static final List<String> runs = new ArrayList<>();
                    synchronized void run(String id) {
                        runs.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @org.osgi.service.component.annotations.Component(scope = ServiceScope.SINGLETON)
                class SingletonJob {
                    private static final List<String> runs = new ArrayList<>();
                    synchronized void run(String id) {
                        runs.add(id); // expect-low: StaticStateUnderInstanceLock
                    }
                }
                """);
        tester.check("""
                import java.util.*;
                import org.springframework.stereotype.Component;
                import org.springframework.web.context.annotation.RequestScope;
                import org.osgi.service.metatype.annotations.Designate;
                @Component
                @RequestScope
                class PerRequest {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String id) {
                        seen.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @org.osgi.service.component.annotations.Component
                @Designate(ocd = Config.class, factory = true)
                class Configured {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String id) {
                        seen.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @Component
                abstract class Base {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String id) {
                        seen.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @Component
                class Copying {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String id) {
                        seen.add(id); // expect: StaticStateUnderInstanceLock
                    }
                    Copying copy() {
                        return new Copying();
                    }
                }
                @interface Config {
                }
                """);
        tester.check("""
                import java.util.*;
                import org.springframework.stereotype.*;
                @Component
                class Local {
                    private static final List<String> seen = new ArrayList<>();
                    synchronized void see(String id) {
                        seen.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                @interface Component {
                }
                """);
        tester.check("""
                import java.util.*;
                import com.example.ui.Component;
                @Component
                class Widget {
                    private static final List<String> shown = new ArrayList<>();
                    synchronized void show(String id) {
                        shown.add(id); // expect: StaticStateUnderInstanceLock
                    }
                }
                """);
    }
}
