package antipatterns.staticstateunderinstancelock;

import java.util.concurrent.atomic.AtomicLong;

/** Shared state gets its own atomic; the instance lock guards only the instance. */
class Session {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private long id;
    private boolean open;

    synchronized void open() {
        open = true;
        id = NEXT_ID.getAndIncrement();
    }

    synchronized long id() {
        return id;
    }
}
