package io.lockopt.agent.recorder;

import java.util.Arrays;

/**
 * The registry of instrumented call sites of one profiling session; a site's id is what
 * the rewritten bytecode passes to the hooks.
 *
 * <p>Design notes: sites are added by class-transforming threads (under this object's
 * monitor, rarely) and looked up by id on every hooked lock operation. The array is
 * copy-on-grow and published through a volatile field: a reader sees either the old or the
 * new array, and any id it was handed was registered before the code carrying it ran.
 */
public final class CallSites {
    private volatile CallSite[] sites = new CallSite[256];
    private int size;

    public synchronized CallSite register(String className, ClassLoader loader, String methodName, int line,
            String label, String labelSource, String operation) {
        if (size == sites.length) {
            sites = Arrays.copyOf(sites, size * 2);
        }
        CallSite site = new CallSite(size, className, loader, methodName, line, label, labelSource, operation);
        CallSite[] current = sites;
        current[size++] = site;
        sites = current; // volatile write publishes the new element
        return site;
    }

    /** The site with this id, or null for an id from another session's bytecode. */
    public CallSite get(int id) {
        CallSite[] current = sites;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    public synchronized CallSite[] all() {
        return Arrays.copyOf(sites, size);
    }

    public synchronized int size() {
        return size;
    }
}
