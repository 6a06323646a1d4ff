package io.lockopt.agent.jfr;

import jdk.jfr.Event;
import jdk.jfr.Label;

/** The fields {@link LockContendedEvent} and {@link LockHeldEvent} share: which lock, where, which mode. */
public abstract class LockEventBase extends Event {
    @Label("Lock Id")
    int lockId;

    @Label("Lock")
    String lockLabel;

    @Label("Lock Class")
    String lockClass;

    @Label("Mode")
    String mode;

    @Label("Site Class")
    String siteClass;

    @Label("Site Method")
    String siteMethod;

    @Label("Site Line")
    int siteLine;

    @Label("Holder Thread")
    String holderThread;
}
