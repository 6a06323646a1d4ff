package io.lockopt.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A timed hold at least the agent's {@code held-threshold} long, committed by the holding
 * thread right after its release; the stack trace is the releasing call's. Hot locks with short
 * holds are timed one acquisition in 256, so on them a long hold is seen with that chance.
 */
@Name(LockHeldEvent.NAME)
@Label("Lock Held")
@Category({"lockopt", "Locks"})
@Description("A hold of a lock measured by lockopt at least the agent's held-threshold long")
public final class LockHeldEvent extends LockEventBase {
    public static final String NAME = "io.lockopt.LockHeld";

    @Label("Hold Time")
    @Timespan(Timespan.NANOSECONDS)
    long holdTime;
}
