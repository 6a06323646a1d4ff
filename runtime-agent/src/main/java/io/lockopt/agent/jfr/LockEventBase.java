package io.lockopt.agent.jfr;

import jdk.jfr.Label;

/** The fields {@link LockContendedEvent} and {@link LockHeldEvent} share: which lock, which mode, and (from {@link SiteEventBase}) where. */
public abstract class LockEventBase extends SiteEventBase {
    @Label("Lock Id")
    int lockId;

    @Label("Lock")
    String lockLabel;

    @Label("Lock Class")
    String lockClass;

    @Label("Mode")
    String mode;

    @Label("Holder Thread")
    String holderThread;
}
