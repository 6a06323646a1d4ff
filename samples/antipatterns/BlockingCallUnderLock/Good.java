package antipatterns.blockingcallunderlock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Read first, then publish under the lock for a moment only. */
class ConfigCache {
    private final Path path;
    private String snapshot = "";

    ConfigCache(Path path) {
        this.path = path;
    }

    void refresh() throws IOException {
        String text = Files.readString(path).strip();
        synchronized (this) {
            snapshot = text;
        }
    }

    synchronized String snapshot() {
        return snapshot;
    }
}
