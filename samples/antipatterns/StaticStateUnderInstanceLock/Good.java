package antipatterns.staticstateunderinstancelock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shared state gets a map that is safe on its own; the instance lock guards only the instance. */
class Session {
    private static final Map<String, Session> OPEN = new ConcurrentHashMap<>();
    private final String name;
    private boolean open;

    Session(String name) {
        this.name = name;
    }

    synchronized void open() {
        open = true;
        OPEN.put(name, this);
    }

    synchronized boolean isOpen() {
        return open;
    }
}
