package io.lockopt.analyzer.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Metadata of a rule. The rule id is the simple name of the annotated class; the long
 * description (bad and good example) is the markdown resource {@code <RuleId>.md} next
 * to the class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** One line: what the rule flags. */
    String summary();

    /** Default severity; configuration may change it. */
    Severity severity();

    /**
     * Names of the options the rule reads through {@link AnalysisSettings#option}; the
     * configuration file may set only these (any other key is reported as an error).
     */
    String[] options() default {};
}
