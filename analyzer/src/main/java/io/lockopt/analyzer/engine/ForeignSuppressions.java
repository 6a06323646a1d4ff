package io.lockopt.analyzer.engine;

import java.util.List;
import java.util.Map;

/**
 * Other tools' ids for the checks that match lockopt's rules. Code that already tells Error
 * Prone, SpotBugs, IntelliJ IDEA or SonarQube that a finding is intended tells lockopt too
 * ({@code --ignore-foreign-suppressions} turns this off). The table is data so docs and code
 * cannot disagree: {@code docs/suppressions.md} prints it.
 *
 * <p>SpotBugs codes match by prefix, as {@code @SuppressFBWarnings} does ({@code "IS2"} covers
 * {@code IS2_INCONSISTENT_SYNC}); Sonar keys match with their {@code squid:} or {@code java:}
 * repository or without one.
 */
final class ForeignSuppressions {

    /** One rule's equivalents: Error Prone and IntelliJ names, SpotBugs codes, Sonar rule keys. */
    record Equivalents(List<String> names, List<String> spotBugs, List<String> sonar) {
    }

    static final Map<String, Equivalents> TABLE = Map.ofEntries(
            Map.entry("InconsistentLocking", new Equivalents(
                    List.of("GuardedBy", "GuardedByChecker", "FieldAccessedSynchronizedAndUnsynchronized",
                            "NonPrivateFieldAccessedInSynchronizedContext"),
                    List.of("IS2_INCONSISTENT_SYNC", "IS_FIELD_NOT_GUARDED"), List.of("S2886"))),
            Map.entry("SynchronizedOnNonFinalField", new Equivalents(
                    List.of("SynchronizeOnNonFinalField"),
                    List.of("ML_SYNC_ON_FIELD_TO_GUARD_CHANGING_THAT_FIELD", "ML_SYNC_ON_UPDATED_FIELD"),
                    List.of("S2445"))),
            Map.entry("UnreleasedLock", new Equivalents(
                    List.of("LockAcquiredButNotSafelyReleased"),
                    List.of("UL_UNRELEASED_LOCK"), List.of("S2222"))),
            Map.entry("LockInsideTry", new Equivalents(
                    List.of("LockNotBeforeTry", "LockAcquiredButNotSafelyReleased"), List.of(), List.of())),
            Map.entry("VolatileIncrement", new Equivalents(
                    List.of("NonAtomicVolatileUpdate", "NonAtomicOperationOnVolatileField"),
                    List.of("VO_VOLATILE_INCREMENT"), List.of("S3078"))),
            Map.entry("DoubleCheckedLocking", new Equivalents(
                    List.of("DoubleCheckedLocking", "PMD.DoubleCheckedLocking"),
                    List.of("DC_DOUBLECHECK", "DC_PARTIALLY_CONSTRUCTED"), List.of("S2168"))),
            Map.entry("WaitNotInLoop", new Equivalents(
                    List.of("WaitNotInLoop", "WaitWhileNotSynced"),
                    List.of("WA_NOT_IN_LOOP", "WA_AWAIT_NOT_IN_LOOP"), List.of("S2274"))),
            Map.entry("NotifyInsteadOfNotifyAll", new Equivalents(
                    List.of("CallToNotifyInsteadOfNotifyAll", "PMD.UseNotifyAllInsteadOfNotify"),
                    List.of("NO_NOTIFY_NOT_NOTIFYALL"), List.of("S2446"))),
            Map.entry("SynchronizedOnSharedConstant", new Equivalents(
                    List.of("SynchronizeOnValueBasedClass"),
                    List.of("DL_SYNCHRONIZATION_ON"), List.of("S1860"))),
            Map.entry("SynchronizedOnGetClass", new Equivalents(
                    List.of(), List.of("WL_USING_GETCLASS_RATHER_THAN_CLASS_LITERAL"), List.of("S3067"))),
            Map.entry("MonitorOnLockObject", new Equivalents(
                    List.of("SynchroniziationOnLockObject"),
                    List.of("JLM_JSR166"), List.of())),
            Map.entry("MonitorMethodOnCondition", new Equivalents(
                    List.of("WaitCalledOnCondition", "NotifyCalledOnCondition"),
                    List.of("JML_JSR166", "DM_MONITOR_WAIT_ON_CONDITION"), List.of("S1844"))),
            Map.entry("BlockingCallUnderLock", new Equivalents(
                    List.of("SleepWhileHoldingLock"), List.of("SWL_SLEEP_WITH_LOCK_HELD"), List.of("S2276"))),
            Map.entry("WaitWithOtherLockHeld", new Equivalents(
                    List.of(), List.of("TLW_TWO_LOCK_WAIT"), List.of())),
            Map.entry("StaticStateUnderInstanceLock", new Equivalents(
                    List.of(), List.of("SSD_DO_NOT_USE_INSTANCE_LOCK_ON_SHARED_STATIC_DATA"), List.of())),
            Map.entry("ClassInitializationCycle", new Equivalents(
                    List.of(), List.of("IC_SUPERCLASS_USES_SUBCLASS_DURING_INITIALIZATION", "IC_INIT_CIRCULARITY"),
                    List.of("S2390"))),
            Map.entry("TryLockResultIgnored", new Equivalents(
                    List.of(), List.of("RV_RETURN_VALUE_IGNORED"), List.of("S899"))));

    private ForeignSuppressions() {
    }

    /** True when {@code value}, a {@code @SuppressWarnings}/{@code @SuppressFBWarnings} string, names an equivalent of {@code ruleId}. */
    static boolean suppresses(String value, String ruleId) {
        Equivalents e = TABLE.get(ruleId);
        if (e == null) {
            return false;
        }
        String v = value.strip();
        if (e.names().contains(v)) {
            return true;
        }
        for (String code : e.spotBugs()) {
            if (!v.isEmpty() && (code.startsWith(v) && (v.length() == code.length() || v.endsWith("_")
                    || code.charAt(v.length()) == '_') || v.startsWith(code))) {
                return true;
            }
        }
        String key = v.startsWith("squid:") ? v.substring(6) : v.startsWith("java:") ? v.substring(5) : v;
        return e.sonar().contains(key);
    }
}
