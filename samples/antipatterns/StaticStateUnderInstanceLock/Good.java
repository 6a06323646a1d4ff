package antipatterns.staticstateunderinstancelock;

import java.util.concurrent.atomic.AtomicInteger;

/** Shared state gets its own atomic; the instance lock guards only the instance. */
class Session {
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private boolean open;

    synchronized void open() {
        open = true;
        ACTIVE.incrementAndGet();
    }

    static int active() {
        return ACTIVE.get();
    }
}
