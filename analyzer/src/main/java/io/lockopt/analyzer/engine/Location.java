package io.lockopt.analyzer.engine;

/** A region of a file, with an optional message saying what happens there. */
public record Location(String path, Region region, String message) {
}
