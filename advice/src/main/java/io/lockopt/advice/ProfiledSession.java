package io.lockopt.advice;

import java.util.Map;
import java.util.function.Function;

/**
 * One JVM's profiling session as a report names it: its pid, main class, start and duration. Two
 * reports naming the same session (a merged report and one of the reports it holds, or a copy)
 * would count that JVM twice wherever reports are added up: {@code profile merge} and {@code
 * analyze --profile} refuse them in the same words.
 */
public record ProfiledSession(long pid, String mainClass, String startedAt, long durationNanos) {

    /**
     * Notes that {@code file} holds this session; throws {@code failure}'s exception, naming both
     * files, when another file in {@code seen} held it already.
     */
    public void requireOnce(Map<ProfiledSession, String> seen, String file, Function<String, ? extends RuntimeException> failure) {
        String before = seen.putIfAbsent(this, file);
        if (before != null) {
            throw failure.apply(before + " and " + file + " both hold the profile of pid " + pid + " started at "
                    + startedAt + ", which would count twice; give it once");
        }
    }
}
