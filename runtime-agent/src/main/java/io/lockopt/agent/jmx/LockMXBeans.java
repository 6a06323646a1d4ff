package io.lockopt.agent.jmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.lockopt.agent.wire.LockNames;
import io.lockopt.agent.wire.Snapshot;

/**
 * Registers one {@link LockMXBean} per measured lock on the platform MBeanServer, as
 * {@code io.lockopt:type=Lock,name=<name>}: a lock (or read/write lock) joins once it has been
 * acquired, at the next refresh. The name is the one the report shows ({@link LockNames}):
 * instances that share a label are {@code label#1}, {@code label#2}, ... in the order the agent
 * first saw them, so a lone instance registered under its bare label is registered again as
 * {@code #1} once a second one appears. A name with characters an ObjectName value cannot carry
 * bare is quoted.
 *
 * <p>Design notes. One daemon thread, {@code lockopt-jmx}, owns the registry state (the ids and
 * names registered) and touches nothing else; it first runs one refresh period after the agent
 * started, so the platform MBeanServer (and the logging it may initialize) is never created
 * during {@code premain}. An MXBean stays registered while its lock is in the statistics: a
 * collected instance's leaves once the agent has folded it into its label's {@code #retired} one.
 */
public final class LockMXBeans {
    public static final String DOMAIN = "io.lockopt";

    private final Supplier<Snapshot> statistics;
    /** The name each lock's MXBean is registered under, by lock id. */
    private final Map<Integer, ObjectName> registered = new HashMap<>();
    private MBeanServer server;

    LockMXBeans(Supplier<Snapshot> statistics) {
        this.statistics = statistics;
    }

    /** Starts the registering thread, which looks for new locks every {@code refreshMillis}. */
    public static void startRegistering(Supplier<Snapshot> statistics, long refreshMillis) {
        LockMXBeans beans = new LockMXBeans(statistics);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(refreshMillis);
                    beans.registerNewLocks();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | JMException e) {
                System.err.println("lockopt agent: no more lock MXBeans: " + e);
            }
        }, "lockopt-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    /** The ObjectName of the lock named {@code name} (see {@link LockNames}). */
    static ObjectName nameOf(String name) throws JMException {
        boolean bare = name.chars().noneMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0);
        return new ObjectName(DOMAIN + ":type=Lock,name=" + (bare ? name : ObjectName.quote(name)));
    }

    /**
     * One refresh: registers the locks acquired since, again under its new name any lock renamed,
     * and unregisters the locks gone (collected instances, now counted in their label's
     * {@code #retired} MXBean).
     */
    void registerNewLocks() throws JMException {
        Snapshot snapshot = statistics.get();
        Map<Integer, String> names = LockNames.of(snapshot);
        Map<Integer, ObjectName> wanted = new HashMap<>();
        for (Map.Entry<Integer, String> named : names.entrySet()) {
            ObjectName name = nameOf(named.getValue());
            if (!name.equals(registered.get(named.getKey()))) {
                wanted.put(named.getKey(), name);
            }
        }
        List<Integer> gone = registered.keySet().stream().filter(id -> !names.containsKey(id)).toList();
        if (wanted.isEmpty() && gone.isEmpty()) {
            return;
        }
        if (server == null) {
            server = ManagementFactory.getPlatformMBeanServer();
        }
        // Renamed and gone ones first leave their names, which another instance may take now.
        for (Integer id : gone) {
            ObjectName old = registered.remove(id);
            if (server.isRegistered(old)) {
                server.unregisterMBean(old);
            }
        }
        for (Integer id : wanted.keySet()) {
            ObjectName old = registered.remove(id);
            if (old != null && server.isRegistered(old)) {
                server.unregisterMBean(old);
            }
        }
        for (Map.Entry<Integer, ObjectName> add : wanted.entrySet()) {
            server.registerMBean(new LockView(add.getKey(), statistics), add.getValue());
            registered.put(add.getKey(), add.getValue());
        }
    }
}
