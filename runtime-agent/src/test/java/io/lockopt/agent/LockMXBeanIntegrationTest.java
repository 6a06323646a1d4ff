package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.tools.attach.VirtualMachine;

/**
 * Starts real target JVMs with the agent always on and reads the locks' MXBeans over the
 * target's platform MBeanServer, through the attach API's local JMX connector: as JConsole, the
 * Prometheus JMX exporter or OpenTelemetry's JMX metrics would.
 */
class LockMXBeanIntegrationTest {
    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void eachMeasuredLockIsAnMXBeanWithCountersPercentilesAndReadWriteSplit(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java, "-javaagent:" + TargetJvm.agentJar() + "=jmx-refresh=200ms")) {
            String truth = target.ask("contend 4 6 25", "TRUTH");
            target.ask("readers 4 2000", "DONE readers");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(target.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName hot = new ObjectName("io.lockopt:type=Lock,name=io.lockopt.targets.LockWorkloads.hot");
                ObjectName table = new ObjectName("io.lockopt:type=Lock,name=io.lockopt.targets.LockWorkloads.table");
                awaitRegistered(server, table);

                assertThat(server.getAttribute(hot, "Label")).isEqualTo("io.lockopt.targets.LockWorkloads.hot");
                assertThat(server.getAttribute(hot, "Kind")).isEqualTo("ReentrantLock");
                assertThat(server.getAttribute(hot, "Acquisitions")).isEqualTo(24L);
                long contended = (Long) server.getAttribute(hot, "Contended");
                assertThat(contended).isPositive();
                assertThat(server.getAttribute(hot, "WaitCount")).isEqualTo(contended);
                long waited = (Long) server.getAttribute(hot, "WaitTotalNanos");
                long truthWait = TargetJvm.value(truth, "wait");
                assertThat((double) waited).isCloseTo(truthWait, within(0.15 * truthWait));
                long p50 = (Long) server.getAttribute(hot, "WaitP50Nanos");
                long p99 = (Long) server.getAttribute(hot, "WaitP99Nanos");
                long max = (Long) server.getAttribute(hot, "WaitMaxNanos");
                assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
                assertThat(p99).isLessThanOrEqualTo(max);
                // Each hold is about 25 ms, but only those after the lock's first contention are timed.
                assertThat(server.getAttribute(hot, "ReadContended")).isEqualTo(0L);

                assertThat(server.getAttribute(table, "Kind")).isEqualTo("ReentrantReadWriteLock");
                assertThat(server.getAttribute(table, "Reads")).isEqualTo(8_000L);
                assertThat(server.getAttribute(table, "Writes")).isEqualTo(800L);
                assertThat(server.getAttribute(table, "Acquisitions")).isEqualTo(8_800L);
                assertThat((Long) server.getAttribute(table, "ReadContended")
                        + (Long) server.getAttribute(table, "WriteContended"))
                        .isEqualTo(server.getAttribute(table, "Contended"));
                assertThat(server.queryNames(new ObjectName("io.lockopt:type=Lock,*"), null)).contains(hot, table);
            }
        }
    }

    /** The MXBeans appear at the agent's next refresh (200 ms here); a generous deadline, not a timing. */
    private static void awaitRegistered(MBeanServerConnection server, ObjectName name) throws Exception {
        for (int i = 0; i < 300 && !server.isRegistered(name); i++) {
            Thread.sleep(100);
        }
        assertThat(server.isRegistered(name)).as(name + " registered").isTrue();
    }
}
