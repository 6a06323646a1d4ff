package io.lockopt.agent.recorder;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of instrumented call sites of one profiling session; a site's id is what
 * the rewritten bytecode passes to the hooks.
 *
 * <p>Design notes: sites are added by class-transforming threads (under this object's
 * monitor, rarely) and looked up by id on every hooked lock operation. The array is
 * copy-on-grow and published through a volatile field: a reader sees either the old or the
 * new array, and any id it was handed was registered before the code carrying it ran.
 * Synchronized methods are also indexed by class, name and descriptor (a concurrent map),
 * for the JFR consumer thread that attributes monitor waits to them: a class transformed
 * again maps to the site its newest bytecode carries.
 */
public final class InstrumentedSites {
    private volatile InstrumentedSite[] sites = new InstrumentedSite[256];
    private int size;
    private final Map<String, Integer> synchronizedMethods = new ConcurrentHashMap<>();

    public synchronized InstrumentedSite register(String className, ClassLoader loader, String methodName, int line,
            String label, String labelSource, String operation) {
        if (size == sites.length) {
            sites = Arrays.copyOf(sites, size * 2);
        }
        InstrumentedSite site = new InstrumentedSite(size, className, loader, methodName, line, label, labelSource, operation);
        InstrumentedSite[] current = sites;
        current[size++] = site;
        sites = current; // volatile write publishes the new element
        return site;
    }

    /**
     * Registers the entry of a {@code synchronized} method ({@code descriptor}: its JVM
     * descriptor) as a site, findable by {@link #synchronizedMethodSite}.
     */
    public InstrumentedSite registerSynchronizedMethod(String className, ClassLoader loader, String methodName,
            String descriptor, String label, String labelSource, String operation) {
        InstrumentedSite site = register(className, loader, methodName, 0, label, labelSource, operation);
        synchronizedMethods.put(methodKey(className, methodName, descriptor), site.id());
        return site;
    }

    /** The site id of the instrumented synchronized method, or -1 when it is not one. */
    public int synchronizedMethodSite(String className, String methodName, String descriptor) {
        Integer id = synchronizedMethods.get(methodKey(className, methodName, descriptor));
        return id == null ? -1 : id;
    }

    /** Whether any synchronized method has been instrumented in this session. */
    public boolean hasSynchronizedMethods() {
        return !synchronizedMethods.isEmpty();
    }

    private static String methodKey(String className, String methodName, String descriptor) {
        return className + '.' + methodName + descriptor;
    }

    /** The site with this id, or null for an id from another session's bytecode. */
    public InstrumentedSite get(int id) {
        InstrumentedSite[] current = sites;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    public synchronized InstrumentedSite[] all() {
        return Arrays.copyOf(sites, size);
    }

    public synchronized int size() {
        return size;
    }
}
