package io.lockopt.agent.jfr;

import jdk.jfr.Description;
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

    @Label("Holder Site")
    @Description("Where the holder had taken the lock: Class.method:line")
    String holderSite;

    @Label("Holder Stack")
    @Description("The holder's stack while it held the lock, sampled once per holder thread and site: frames innermost first, separated by ';'")
    String holderStack;
}
