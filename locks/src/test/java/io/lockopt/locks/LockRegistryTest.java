package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // handles held only for their effect
class LockRegistryTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @Test
    void publishesStatisticsOverThePlatformMBeanServer() throws Exception {
        try (LockRegistry registry = new LockRegistry("io.lockopt.test.basic")) {
            MeteredReadWriteLock lock = registry.register(MeteredReadWriteLock.create("prices"));
            lock.read().close();
            lock.read().close();
            lock.write().close();
            ObjectName name = new ObjectName("io.lockopt.test.basic:type=Lock,name=\"prices\"");
            assertThat(registry.objectName("prices")).isEqualTo(name);
            assertThat(SERVER.getAttribute(name, "ReadAcquisitions")).isEqualTo(2L);
            assertThat(SERVER.getAttribute(name, "WriteAcquisitions")).isEqualTo(1L);
            assertThat(SERVER.getAttribute(name, "Name")).isEqualTo("prices");
            assertThat(SERVER.getAttribute(name, "StatisticsEnabled")).isEqualTo(true);
            // Attributes are live: a later acquisition shows without re-registering.
            lock.write().close();
            assertThat(SERVER.getAttribute(name, "WriteAcquisitions")).isEqualTo(2L);
            assertThat(registry.snapshot()).extracting(LockStats::name).containsExactly("prices");
            assertThat(registry.lock("prices")).containsSame(lock);
        }
    }

    @Test
    void contentionAndTimeoutsReadThroughAnMXBeanProxy() throws Exception {
        try (LockRegistry registry = new LockRegistry("io.lockopt.test.proxy")) {
            MeteredReadWriteLock lock = registry.register(
                    MeteredReadWriteLock.builder("order book: EUR/USD, level=2").holdTimeSampling(1).build());
            // Own threads: the common pool may have a single worker, which the blocked reader takes.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (LockHandle w = lock.write()) {
                Future<?> reader = pool.submit(() -> lock.read().close());
                while (lock.queueLength() == 0) {
                    Thread.sleep(1);
                }
                Thread.sleep(10);
                Future<?> timedOut = pool.submit(() -> lock.read(Duration.ZERO));
                assertThatThrownBy(() -> timedOut.get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(LockTimeoutException.class);
                w.close();
                reader.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            LockStatsMXBean bean = JMX.newMXBeanProxy(SERVER,
                    registry.objectName("order book: EUR/USD, level=2"), LockStatsMXBean.class);
            assertThat(bean.getName()).isEqualTo("order book: EUR/USD, level=2");
            assertThat(bean.getReadAcquisitions()).isEqualTo(1);
            assertThat(bean.getReadContendedAcquisitions()).isEqualTo(1);
            assertThat(bean.getReadTimeouts()).isEqualTo(1);
            assertThat(bean.getReadMaxWaitNanos()).isPositive();
            assertThat(bean.getReadWaitP99Nanos()).isEqualTo(bean.getReadMaxWaitNanos());
            assertThat(bean.getReadWaitP50Nanos()).isPositive();
            assertThat(bean.getWriteMaxHoldNanos()).isPositive().isEqualTo(bean.getWriteTotalHoldNanos());
            assertThat(bean.getPeakReaders()).isEqualTo(1);
            assertThat(bean.getCurrentReaders()).isZero();
        }
    }

    @Test
    void unregisterAndCloseRemoveTheMBeans() throws Exception {
        LockRegistry registry = new LockRegistry("io.lockopt.test.lifecycle");
        registry.register(MeteredReadWriteLock.create("a"));
        registry.register(MeteredReadWriteLock.create("b"));
        assertThat(SERVER.queryNames(new ObjectName("io.lockopt.test.lifecycle:type=Lock,*"), null)).hasSize(2);
        assertThatThrownBy(() -> registry.register(MeteredReadWriteLock.create("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThat(registry.unregister("a")).isTrue();
        assertThat(registry.unregister("a")).isFalse();
        assertThat(SERVER.isRegistered(registry.objectName("a"))).isFalse();
        assertThat(registry.snapshot()).extracting(LockStats::name).containsExactly("b");
        registry.register(MeteredReadWriteLock.create("a"));
        assertThat(registry.snapshot()).extracting(LockStats::name).containsExactly("a", "b");
        registry.close();
        assertThat(SERVER.queryNames(new ObjectName("io.lockopt.test.lifecycle:type=Lock,*"), null)).isEmpty();
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void twoRegistriesOfOneDomainCannotPublishTheSameName() {
        try (LockRegistry first = new LockRegistry("io.lockopt.test.shared");
                LockRegistry second = new LockRegistry("io.lockopt.test.shared")) {
            first.register(MeteredReadWriteLock.create("cache"));
            assertThatThrownBy(() -> second.register(MeteredReadWriteLock.create("cache")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache");
            assertThat(second.snapshot()).isEmpty();
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new LockRegistry(null))
                .isInstanceOf(NullPointerException.class).hasMessage("jmxDomain");
        assertThatThrownBy(() -> new LockRegistry(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jmxDomain");
        assertThatThrownBy(() -> new LockRegistry("bad:domain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jmxDomain");
        try (LockRegistry registry = new LockRegistry("io.lockopt.test.bad")) {
            assertThatThrownBy(() -> registry.register(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("lock");
            assertThatThrownBy(() -> registry.unregister(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("name");
        }
    }
}
