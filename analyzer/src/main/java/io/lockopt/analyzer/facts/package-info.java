/**
 * Per-file lock facts: what every method of a source file does with locks, extracted once in a
 * single pass over the JavaParser tree and shared by all rules ({@link io.lockopt.analyzer.facts.LockFacts#of}).
 *
 * <ul>
 *   <li>{@link io.lockopt.analyzer.facts.ClassFacts} / {@link io.lockopt.analyzer.facts.FieldFacts}:
 *       classes and fields with declared types resolved without a classpath, lock-typed fields
 *       with the lock they denote (a field holding {@code rw.readLock()} denotes the read view
 *       of {@code rw}).</li>
 *   <li>{@link io.lockopt.analyzer.facts.MethodFacts}: per method, constructor, initializer or
 *       lambda, its {@link io.lockopt.analyzer.facts.Acquisition}s, {@link io.lockopt.analyzer.facts.Release}s,
 *       {@link io.lockopt.analyzer.facts.CriticalSection}s, {@link io.lockopt.analyzer.facts.CallSite}s,
 *       {@link io.lockopt.analyzer.facts.FieldAccess}es and {@link io.lockopt.analyzer.facts.MonitorCall}s,
 *       each event with the {@link io.lockopt.analyzer.facts.HeldLocks} at that point.</li>
 *   <li>{@link io.lockopt.analyzer.facts.LockId}: the catalog's lock identity
 *       ({@code io.acme.OrderBook.lock}, {@code io.acme.OrderBook.this}, {@code io.acme.OrderBook.class}),
 *       the same string {@code lockopt profile} uses as a lock label.</li>
 * </ul>
 *
 * <p>Built for the project-wide passes too: call sites carry the receiver's resolved type
 * (the enclosing class for unqualified calls) for a call graph; acquisitions carry the locks
 * already held (lock-order edges); field accesses carry the locks held (guard inference);
 * sections list their reads, writes, calls and waits (read-mostly and counter advice).
 * Unknown types resolve to nothing, and rules stay silent on them.
 */
package io.lockopt.analyzer.facts;
