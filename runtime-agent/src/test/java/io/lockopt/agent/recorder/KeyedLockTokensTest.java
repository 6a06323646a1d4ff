package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lockopt.locks.KeyedLocks;

class KeyedLockTokensTest {
    private final KeyedLocks<String> books = KeyedLocks.create("books");
    private final KeyedLocks<String> quotes = KeyedLocks.create("quotes");

    @Test
    void oneTokenPerKeyOfEachKeyedLocksByEquality() {
        KeyedLockTokens tokens = new KeyedLockTokens(10);
        KeyedLockTokens.KeyToken eurUsd = tokens.tokenFor(books, "EURUSD");
        assertThat(tokens.tokenFor(books, new String("EURUSD"))).isSameAs(eurUsd);
        assertThat(tokens.tokenFor(quotes, "EURUSD")).isNotSameAs(eurUsd);
        assertThat(eurUsd.label("Desk.books")).isEqualTo("Desk.books[EURUSD]");
        assertThat(eurUsd.label(null)).as("the keyed locks' own name").isEqualTo("books[EURUSD]");
    }

    @Test
    void keysBeyondTheBudgetShareOneOtherKeysToken() {
        KeyedLockTokens tokens = new KeyedLockTokens(2);
        KeyedLockTokens.KeyToken a = tokens.tokenFor(books, "a");
        KeyedLockTokens.KeyToken b = tokens.tokenFor(books, "b");
        KeyedLockTokens.KeyToken c = tokens.tokenFor(books, "c");
        assertThat(c).isNotSameAs(a).isNotSameAs(b).isSameAs(tokens.tokenFor(books, "d"));
        assertThat(c.label(null)).isEqualTo("books[other keys]");
        assertThat(tokens.tokenFor(books, "a")).as("known keys keep theirs").isSameAs(a);
    }

    @Test
    void aMultiKeyCallNamesEachDistinctKeyOnceInTheCollectionsOrder() {
        KeyedLockTokens tokens = new KeyedLockTokens(10);
        KeyedLockTokens.KeyToken[] all = tokens.tokensFor(books, List.of("b", "a", "b"));
        assertThat(all).containsExactly(tokens.tokenFor(books, "b"), tokens.tokenFor(books, "a"));
    }

    @Test
    void longKeysAreShortenedInTheLabel() {
        KeyedLockTokens tokens = new KeyedLockTokens(10);
        String key = "k".repeat(100);
        assertThat(tokens.tokenFor(books, key).label(null)).hasSize("books[]".length() + 40).endsWith("…]");
    }
}
