package io.lockopt.agent.jfr;

import jdk.jfr.Event;
import jdk.jfr.Label;

/** The call site every lockopt event that names one carries: where the lock was acquired. */
public abstract class SiteEventBase extends Event {
    @Label("Site Class")
    String siteClass;

    @Label("Site Method")
    String siteMethod;

    @Label("Site Line")
    int siteLine;
}
