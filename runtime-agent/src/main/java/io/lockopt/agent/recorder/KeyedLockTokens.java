package io.lockopt.agent.recorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stable stand-ins for the per-key locks of lockopt's {@code KeyedLocks}: the library creates
 * and reclaims its per-key lock objects as keys come and go, so the recorder names a key's
 * lock by a {@link KeyToken} of its own, one per (keyed-locks object, key) for the session,
 * and records it like any lock instance.
 *
 * <p>Design notes. Application threads look tokens up concurrently on every keyed
 * acquisition: a {@link ConcurrentHashMap} per keyed-locks object (found by identity: the
 * class does not override {@code equals}), keyed by the application's key with its own
 * {@code equals}/{@code hashCode} — the calls the library itself makes on it. Creation is rare
 * and races benignly through {@code computeIfAbsent}. Tokens (and so keys and keyed-locks
 * objects) stay reachable until the session ends; at most {@link #maxKeys} distinct keys get
 * a token of their own, later ones share one "other keys" token per keyed-locks object.
 */
final class KeyedLockTokens {
    private static final Object OTHER_KEYS = new Object();
    private static final int MAX_KEY_TEXT = 40;

    private final ConcurrentHashMap<Object, ConcurrentHashMap<Object, KeyToken>> byKeyedLocks =
            new ConcurrentHashMap<>();
    private final AtomicInteger keysLeft;

    KeyedLockTokens(int maxKeys) {
        this.keysLeft = new AtomicInteger(maxKeys);
    }

    KeyToken tokenFor(Object keyedLocks, Object key) {
        ConcurrentHashMap<Object, KeyToken> tokens = byKeyedLocks.computeIfAbsent(keyedLocks,
                k -> new ConcurrentHashMap<>());
        KeyToken token = tokens.get(key);
        if (token != null) {
            return token;
        }
        if (keysLeft.get() <= 0 || keysLeft.getAndDecrement() <= 0) {
            return tokens.computeIfAbsent(OTHER_KEYS, k -> new KeyToken(nameOf(keyedLocks), "other keys"));
        }
        return tokens.computeIfAbsent(key, k -> new KeyToken(nameOf(keyedLocks), describe(k)));
    }

    /** The tokens of the distinct keys of {@code keys}, in the collection's order. */
    KeyToken[] tokensFor(Object keyedLocks, Collection<?> keys) {
        List<KeyToken> tokens = new ArrayList<>(keys.size());
        for (Object key : new LinkedHashSet<>(keys)) {
            if (key != null) {
                KeyToken token = tokenFor(keyedLocks, key);
                if (!tokens.contains(token)) {
                    tokens.add(token);
                }
            }
        }
        return tokens.toArray(new KeyToken[0]);
    }

    private static String describe(Object key) {
        String text = String.valueOf(key);
        return text.length() <= MAX_KEY_TEXT ? text : text.substring(0, MAX_KEY_TEXT - 1) + "…";
    }

    /** {@code KeyedLocks.name()}, read reflectively: the agent does not link against the library. */
    private static String nameOf(Object keyedLocks) {
        try {
            return String.valueOf(keyedLocks.getClass().getMethod("name").invoke(keyedLocks));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return keyedLocks.getClass().getSimpleName();
        }
    }

    /** One key's lock of one {@code KeyedLocks}, as the recorder sees it. */
    static final class KeyToken {
        static final String CLASS_NAME = "io.lockopt.locks.KeyedLocks";

        /** The keyed-locks object's name, for a label when no field names it. */
        final String keyedLocksName;
        final String keyText;

        KeyToken(String keyedLocksName, String keyText) {
            this.keyedLocksName = keyedLocksName;
            this.keyText = keyText;
        }

        /** {@code owner.barLocks[PT1S]} from a field label, else {@code bars[PT1S]} from the name. */
        String label(String fieldLabel) {
            return (fieldLabel != null ? fieldLabel : keyedLocksName) + "[" + keyText + "]";
        }
    }
}
