package io.lockopt.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockMXBeansTest {
    @Test
    void aFieldLabelIsTheBareName() throws Exception {
        assertThat(LockMXBeans.nameOf("io.lockopt.samples.RealtimeDataManager.lock", 1).toString())
                .isEqualTo("io.lockopt:type=Lock,name=io.lockopt.samples.RealtimeDataManager.lock");
    }

    @Test
    void laterInstancesOfOneLabelAreNumbered() throws Exception {
        assertThat(LockMXBeans.nameOf("org.HdrHistogram.WriterReaderPhaser.readerLock", 3).getKeyProperty("name"))
                .isEqualTo("org.HdrHistogram.WriterReaderPhaser.readerLock#3");
    }

    @Test
    void aSiteLabelIsQuoted() throws Exception {
        assertThat(LockMXBeans.nameOf("com.acme.Cache.get:42", 1).getKeyProperty("name"))
                .isEqualTo("\"com.acme.Cache.get:42\"");
    }
}
