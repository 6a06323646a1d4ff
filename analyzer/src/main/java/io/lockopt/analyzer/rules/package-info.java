/**
 * The rules of {@code lockopt analyze}, one {@code final} class per rule; the class's simple name
 * is the stable rule id.
 *
 * <p>Adding a rule:
 * <ol>
 *   <li>A final class here implementing {@link io.lockopt.analyzer.spi.FileRule} (or
 *       {@link io.lockopt.analyzer.spi.ProjectRule}), annotated with
 *       {@link io.lockopt.analyzer.spi.RuleInfo} (one-line summary, default severity). Rules are
 *       stateless: the engine calls one instance from many threads.</li>
 *   <li>Read {@link io.lockopt.analyzer.facts.LockFacts#of} rather than walking the syntax tree
 *       for what a fact already records (acquisitions, releases, sections, calls, field accesses,
 *       waits); look at the tree only around a fact's node. Stay silent where a type is unknown.</li>
 *   <li>Report at the smallest node that shows the problem, one sentence saying what, where the
 *       other side is and what to do, without the rule id; put a named lock's identity in the
 *       {@code "lock"} property and the other side in related locations.</li>
 *   <li>List the class in {@code META-INF/services/io.lockopt.analyzer.spi.Rule} and write its page,
 *       {@code <RuleId>.md} next to the class (what, why, {@code ## Bad}, {@code ## Good}).</li>
 *   <li>Tests with the test helper {@code RuleTester}: inline sources whose flagged lines end
 *       with {@code // expect: RuleId [message fragment]}; positive, negative and near-miss cases.</li>
 *   <li>A {@code Bad.java} and fixed {@code Good.java} pair in {@code samples/antipatterns/<RuleId>/}.</li>
 * </ol>
 */
package io.lockopt.analyzer.rules;
