/**
 * Lock primitives that lockopt's recommendations point to; no dependency beyond the JDK.
 *
 * <ul>
 * <li>{@link io.lockopt.locks.MeteredReadWriteLock}: a named read/write lock with
 *     try-with-resources {@link io.lockopt.locks.LockHandle}s, timeouts
 *     ({@link io.lockopt.locks.LockTimeoutException}), interruptible acquisition, an optimistic
 *     read, and per-mode contention statistics ({@link io.lockopt.locks.LockStats},
 *     {@link io.lockopt.locks.ModeStats}) that can be switched off.</li>
 * <li>{@link io.lockopt.locks.RingBuffer}: a lock-free multi-producer ring of recent events with
 *     non-blocking snapshots, overwriting or rejecting when full.</li>
 * <li>{@link io.lockopt.locks.KeyedLocks}: a read/write lock per key, created on demand and
 *     reclaimed when unused, with deadlock-free multi-key acquisition.</li>
 * <li>{@link io.lockopt.locks.LockRegistry}: named locks published over JMX as
 *     {@link io.lockopt.locks.LockStatsMXBean}s.</li>
 * </ul>
 *
 * <p>Every concurrent class opens with design notes: who races with whom, and why it is safe.
 */
package io.lockopt.locks;
