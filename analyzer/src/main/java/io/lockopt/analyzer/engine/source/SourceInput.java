package io.lockopt.analyzer.engine.source;

import java.io.IOException;

/** One Java source to scan: a file on disk or an entry of a sources jar. */
public interface SourceInput {

    /** Forward-slash path relative to the base directory; inside a jar {@code lib/x.jar!/a/B.java}. */
    String path();

    /** The raw bytes; may be called from any worker thread. */
    byte[] read() throws IOException;
}
