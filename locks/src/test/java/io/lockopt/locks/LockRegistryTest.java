package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class LockRegistryTest {

    @Test
    void publishesStatisticsOverThePlatformMBeanServer() throws Exception {
        try (LockRegistry registry = new LockRegistry("io.lockopt.test.basic")) {
            MeteredReadWriteLock lock = registry.register(MeteredReadWriteLock.create("prices"));
            lock.read().close();
            lock.read().close();
            lock.write().close();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.lockopt.test.basic:type=Lock,name=\"prices\"");
            assertThat(server.getAttribute(name, "ReadAcquisitions")).isEqualTo(2L);
            assertThat(server.getAttribute(name, "WriteAcquisitions")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "Name")).isEqualTo("prices");
            assertThat(registry.snapshot()).extracting(LockStats::name).containsExactly("prices");
            assertThatThrownBy(() -> registry.register(MeteredReadWriteLock.create("prices")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prices");
            assertThat(registry.unregister("prices")).isTrue();
            assertThat(server.isRegistered(name)).isFalse();
            assertThat(registry.snapshot()).isEmpty();
        }
    }
}
