package antipatterns.blockingcallunderlock;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Wait for the loader first, then publish under the lock for a moment only. */
class ConfigCache {
    private final ExecutorService loader;
    private String snapshot = "";

    ConfigCache(ExecutorService loader) {
        this.loader = loader;
    }

    void refresh() throws InterruptedException, ExecutionException {
        Future<String> text = loader.submit(() -> "key=value");
        String loaded = text.get().strip();
        synchronized (this) {
            snapshot = loaded;
        }
    }

    synchronized String snapshot() {
        return snapshot;
    }
}
