package antipatterns.volatileincrement;

import java.util.concurrent.atomic.AtomicInteger;

/** An atomic count: every retain and release is counted, and only the last release frees. */
class SharedBuffer {
    private final AtomicInteger refs = new AtomicInteger(1);

    void retain() {
        refs.incrementAndGet();
    }

    void release() {
        if (refs.decrementAndGet() == 0) {
            free();
        }
    }

    private void free() {
    }
}
