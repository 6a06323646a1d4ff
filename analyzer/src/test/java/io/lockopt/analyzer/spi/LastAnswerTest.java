package io.lockopt.analyzer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LastAnswerTest {

    @Test
    void asksTheDelegateOncePerTextInARow() {
        AtomicInteger asked = new AtomicInteger();
        Prescreen prescreen = new Prescreen.LastAnswer(text -> {
            asked.incrementAndGet();
            return text.contains("synchronized");
        });
        String locked = new String("synchronized void f() {}");
        String plain = new String("void g() {}");
        assertThat(prescreen.mayMatter(locked)).isTrue();
        assertThat(prescreen.mayMatter(locked)).isTrue();
        assertThat(asked).hasValue(1);
        assertThat(prescreen.mayMatter(plain)).isFalse();
        assertThat(prescreen.mayMatter(locked)).isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void concurrencyStillAnswersAsBefore() {
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { synchronized void f() {} }")).isTrue();
        assertThat(Prescreen.CONCURRENCY.mayMatter("class A { void f() {} }")).isFalse();
    }
}
