package io.lockopt.agent.jmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.lockopt.agent.wire.Snapshot;

/**
 * Registers one {@link LockMXBean} per measured lock on the platform MBeanServer, as
 * {@code io.lockopt:type=Lock,name=<label>}: a lock (or read/write lock) joins once it has been
 * acquired, at the next refresh. Instances that share a label get {@code #2}, {@code #3}, ... in
 * the order the agent first saw them (the first keeps the bare label); a label with characters
 * an ObjectName value cannot carry bare is quoted.
 *
 * <p>Design notes. One daemon thread, {@code lockopt-jmx}, owns the registry state (the ids and
 * names registered) and touches nothing else; it first runs one refresh period after the agent
 * started, so the platform MBeanServer (and the logging it may initialize) is never created
 * during {@code premain}. MXBeans stay registered for the life of the JVM, like the recorder's
 * lock records.
 */
public final class LockMXBeans {
    public static final String DOMAIN = "io.lockopt";

    private final Supplier<Snapshot> statistics;
    private final Set<Integer> registered = new HashSet<>();
    private final Map<String, Integer> instancesByLabel = new HashMap<>();
    private MBeanServer server;

    private LockMXBeans(Supplier<Snapshot> statistics) {
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

    /** The name of a lock with {@code label}, the {@code instance}-th (1-based) seen with it. */
    static ObjectName nameOf(String label, int instance) throws JMException {
        String name = instance == 1 ? label : label + "#" + instance;
        boolean bare = name.chars().noneMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0);
        return new ObjectName(DOMAIN + ":type=Lock,name=" + (bare ? name : ObjectName.quote(name)));
    }

    private void registerNewLocks() throws JMException {
        Snapshot snapshot = statistics.get();
        Map<Integer, Long> groupAcquisitions = new HashMap<>();
        for (Snapshot.LockStats lock : snapshot.locks()) {
            int head = lock.ownerId() >= 0 ? lock.ownerId() : lock.id();
            groupAcquisitions.merge(head, lock.acquisitions(), Long::sum);
        }
        for (Snapshot.LockStats lock : snapshot.locks()) {
            if (lock.ownerId() >= 0 || registered.contains(lock.id()) || groupAcquisitions.get(lock.id()) == 0) {
                continue;
            }
            if (server == null) {
                server = ManagementFactory.getPlatformMBeanServer();
            }
            String label = lock.label() != null ? lock.label() : lock.className() + "@"
                    + Integer.toHexString(lock.identityHash());
            int instance = instancesByLabel.merge(label, 1, Integer::sum);
            server.registerMBean(new LockView(lock.id(), statistics), nameOf(label, instance));
            registered.add(lock.id());
        }
    }
}
