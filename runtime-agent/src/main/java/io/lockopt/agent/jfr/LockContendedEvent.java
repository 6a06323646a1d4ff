package io.lockopt.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.Timespan;

/**
 * One acquisition that had to wait: committed by the waiting thread right after it released the
 * lock (outside the critical section), so the event's own start time is the release, and
 * {@link #waitTime} is the wait. Its stack trace is the releasing call's.
 */
@Name(LockContendedEvent.NAME)
@Label("Lock Contended")
@Category({"lockopt", "Locks"})
@Description("An acquisition of a lock measured by lockopt that waited for the lock")
public final class LockContendedEvent extends LockEventBase {
    public static final String NAME = "io.lockopt.LockContended";

    @Label("Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;

    /** Only waits of at least the recording's {@code waitThreshold} are committed (see {@link WaitThresholdSetting}). */
    @Name("waitThreshold")
    @Label("Wait Threshold")
    @Description("Record only waits at least this long")
    @SettingDefinition
    boolean waitThreshold(WaitThresholdSetting setting) {
        return setting.admits(waitTime);
    }
}
