package io.lockopt.locks;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Named locks of a service and their statistics, each published as a {@link LockStatsMXBean}
 * under {@code <domain>:type=Lock,name="<lock name>"} in the platform MBean server, so
 * JConsole, VisualVM or {@code jcmd <pid> ...} can read them from a running service.
 *
 * <p>Design notes: registering, unregistering and snapshotting race on a
 * {@link ConcurrentHashMap} keyed by lock name. A name is reserved in the map with
 * {@code putIfAbsent} before its MBean is registered, and the MBean is unregistered before the
 * name is freed ({@code remove(name, lock)} after unregistering), so two threads never publish
 * two MBeans for one name and a name is never reused while its old MBean is still up. The
 * MXBean reads the lock's statistics live, so nothing is copied on a timer.
 */
public final class LockRegistry implements AutoCloseable {

    private final String jmxDomain;
    private final MBeanServer mbeanServer;
    private final ConcurrentMap<String, MeteredReadWriteLock> locks = new ConcurrentHashMap<>();

    /** A registry publishing to the platform MBean server under {@code jmxDomain}. */
    public LockRegistry(String jmxDomain) {
        this(jmxDomain, ManagementFactory.getPlatformMBeanServer());
    }

    /** A registry publishing to {@code mbeanServer} under {@code jmxDomain}. */
    public LockRegistry(String jmxDomain, MBeanServer mbeanServer) {
        this.jmxDomain = MeteredReadWriteLock.requireName(jmxDomain, "jmxDomain");
        this.mbeanServer = Objects.requireNonNull(mbeanServer, "mbeanServer");
        try {
            objectName("probe");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jmxDomain is not a valid JMX domain: " + jmxDomain, e);
        }
    }

    public String jmxDomain() {
        return jmxDomain;
    }

    /**
     * Adds {@code lock} and publishes its statistics over JMX.
     *
     * @return {@code lock}, for chaining at declaration sites
     * @throws IllegalArgumentException if a lock of that name is registered already (here, or
     *                                  by another registry of the same domain)
     */
    public MeteredReadWriteLock register(MeteredReadWriteLock lock) {
        Objects.requireNonNull(lock, "lock");
        String name = lock.name();
        if (locks.putIfAbsent(name, lock) != null) {
            throw new IllegalArgumentException("a lock named '" + name + "' is already registered");
        }
        try {
            mbeanServer.registerMBean(new PublishedLockStats(lock), objectName(name));
        } catch (InstanceAlreadyExistsException e) {
            locks.remove(name, lock);
            throw new IllegalArgumentException("an MBean for lock '" + name + "' already exists in domain "
                    + jmxDomain, e);
        } catch (JMException e) {
            locks.remove(name, lock);
            throw new IllegalStateException("cannot publish lock '" + name + "' over JMX", e);
        }
        return lock;
    }

    /**
     * Removes the lock named {@code name} and its MBean.
     *
     * @return whether such a lock was registered
     */
    public boolean unregister(String name) {
        Objects.requireNonNull(name, "name");
        MeteredReadWriteLock lock = locks.get(name);
        if (lock == null) {
            return false;
        }
        try {
            mbeanServer.unregisterMBean(objectName(name));
        } catch (InstanceNotFoundException e) {
            // Someone unregistered the MBean directly; the name is free either way.
        } catch (JMException e) {
            throw new IllegalStateException("cannot unpublish lock '" + name + "'", e);
        }
        return locks.remove(name, lock);
    }

    /** The registered lock of that name. */
    public Optional<MeteredReadWriteLock> lock(String name) {
        return Optional.ofNullable(locks.get(Objects.requireNonNull(name, "name")));
    }

    /** The statistics of every registered lock, sorted by name. */
    public List<LockStats> snapshot() {
        return locks.values().stream()
                .map(MeteredReadWriteLock::stats)
                .sorted(Comparator.comparing(LockStats::name))
                .toList();
    }

    /** The JMX name under which the lock named {@code lockName} is published. */
    public ObjectName objectName(String lockName) {
        try {
            return new ObjectName(jmxDomain + ":type=Lock,name=" + ObjectName.quote(lockName));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Unregisters every lock. */
    @Override
    public void close() {
        for (String name : List.copyOf(locks.keySet())) {
            unregister(name);
        }
    }
}
