package io.lockopt.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

class LockMXBeansTest {
    @Test
    void aFieldLabelIsTheBareName() throws Exception {
        assertThat(LockMXBeans.nameOf("io.lockopt.samples.RealtimeDataManager.lock").toString())
                .isEqualTo("io.lockopt:type=Lock,name=io.lockopt.samples.RealtimeDataManager.lock");
    }

    @Test
    void aSiteLabelIsQuoted() throws Exception {
        assertThat(LockMXBeans.nameOf("com.acme.Cache.get:42").getKeyProperty("name"))
                .isEqualTo("\"com.acme.Cache.get:42\"");
    }

    /** The report's numbering: a lone instance is bare; once a second is acquired both are #1, #2. */
    @Test
    void instancesOfOneLabelAreNamedAsTheReportNamesThem() throws Exception {
        String label = "com.acme.MXBeansTest.readerLock";
        AtomicReference<Snapshot> now = new AtomicReference<>(snapshot(lock(3, label, 5), lock(4, label, 0)));
        LockMXBeans beans = new LockMXBeans(now::get);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();

        beans.registerNewLocks();
        assertThat(server.queryNames(new ObjectName("io.lockopt:type=Lock,name=" + label + "*"), null))
                .extracting(n -> n.getKeyProperty("name")).containsExactly(label);

        now.set(snapshot(lock(3, label, 9), lock(4, label, 2)));
        beans.registerNewLocks();
        assertThat(server.queryNames(new ObjectName("io.lockopt:type=Lock,name=" + label + "*"), null))
                .extracting(n -> n.getKeyProperty("name")).containsExactlyInAnyOrder(label + "#1", label + "#2");
        assertThat(server.getAttribute(LockMXBeans.nameOf(label + "#1"), "Acquisitions")).isEqualTo(9L);
        assertThat(server.getAttribute(LockMXBeans.nameOf(label + "#2"), "Acquisitions")).isEqualTo(2L);
    }

    private static Snapshot.LockStats lock(int id, String label, long acquisitions) {
        Histogram holds = new Histogram(2);
        holds.recordValueWithCount(100, Math.max(1, acquisitions));
        return new Snapshot.LockStats(id, -1, LockKind.REENTRANT_LOCK, LockMode.EXCLUSIVE,
                "java.util.concurrent.locks.ReentrantLock", 0x1234 + id, label, "field", acquisitions, 0, 0, 0, 0, 0,
                100 * acquisitions, 0, holds, null, List.of(), List.of(), List.of(), List.of());
    }

    private static Snapshot snapshot(Snapshot.LockStats... locks) {
        return new Snapshot("s", 1, false, null, 0, 0, 1_000_000_000L, new Snapshot.Counters(1, 0, 0, 0, 0, 0),
                List.of(), List.of(locks), List.of());
    }
}
