package io.lockopt.analyzer.facts;

/**
 * Which side of a read/write lock an acquisition takes. The two views are one lock for
 * ordering but two locks for the release rules (the downgrade idiom takes the read view in
 * a {@code try} whose {@code finally} releases the write view).
 */
public enum LockView {
    /** An exclusive lock or monitor. */
    EXCLUSIVE,
    READ,
    WRITE
}
