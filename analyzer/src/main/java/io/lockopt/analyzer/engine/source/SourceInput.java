package io.lockopt.analyzer.engine.source;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** One Java source to scan: a file on disk or an entry of a sources jar. */
public interface SourceInput {

    /** Forward-slash path relative to the base directory; inside a jar {@code lib/x.jar!/a/B.java}. */
    String path();

    /** The raw bytes; may be called from any worker thread. */
    byte[] read() throws IOException;

    /**
     * What the file system says of this input (size, modification and change times, file id), when
     * that is enough to tell that its content changed later: as git's index, a cache may then skip
     * reading and hashing it while the stamp stays the same. Empty when the input has no such stamp
     * (an archive entry) or when it was modified or changed at or after {@code settledBefore}: a file
     * edited again within the same file-time tick as the edit a run read would keep its stamp (git's
     * "racy clean" case), so only files left alone for a while are vouched for by their stamp.
     * Take it before reading: a change in between then shows as a different stamp next time.
     */
    default Optional<String> stamp(Instant settledBefore) {
        return Optional.empty();
    }
}
