package antipatterns.staticstateunderinstancelock;

import java.util.HashMap;
import java.util.Map;

/** Two sessions hold two different monitors while registering: both change one HashMap at once. */
class Session {
    private static final Map<String, Session> OPEN = new HashMap<>();
    private final String name;
    private boolean open;

    Session(String name) {
        this.name = name;
    }

    synchronized void open() {
        open = true;
        OPEN.put(name, this); // expect: StaticStateUnderInstanceLock
    }

    synchronized boolean isOpen() {
        return open;
    }
}
