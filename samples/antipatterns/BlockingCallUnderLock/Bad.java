package antipatterns.blockingcallunderlock;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Every reader of the snapshot waits for the loader thread while refresh() holds the monitor. */
class ConfigCache {
    private final ExecutorService loader;
    private String snapshot = "";

    ConfigCache(ExecutorService loader) {
        this.loader = loader;
    }

    synchronized void refresh() throws InterruptedException, ExecutionException {
        Future<String> text = loader.submit(() -> "key=value");
        snapshot = text.get().strip(); // expect: BlockingCallUnderLock
    }

    synchronized String snapshot() {
        return snapshot;
    }
}
