package antipatterns.blockingcallunderlock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Every reader of the snapshot waits for the disk while refresh() holds the monitor. */
class ConfigCache {
    private final Path path;
    private String snapshot = "";

    ConfigCache(Path path) {
        this.path = path;
    }

    synchronized void refresh() throws IOException {
        String text = Files.readString(path); // expect: BlockingCallUnderLock
        snapshot = text.strip();
    }

    synchronized String snapshot() {
        return snapshot;
    }
}
