package io.lockopt.analyzer.engine;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JacksonException;

import io.lockopt.files.InputFile;

/**
 * A JSON file lockopt wrote and reads back (a baseline, a calibration, a profile report), read so
 * that every way it can fail is one line in the same words whichever command reads it: "no such
 * baseline file: F", "baseline F is a directory", "F:3:14: not a lockopt baseline: 'findings'
 * must be a list, found an object" ({@link JsonProblem}), "cannot read baseline F: ...".
 */
public final class JsonInputFile {

    /** Turns the file's bytes into its value; Jackson's exceptions become {@link JsonProblem}s. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    private JsonInputFile() {
    }

    /**
     * The value {@code parser} reads from {@code file}, never {@code null}.
     *
     * @param kind    what the file is to its user, as in "no such KIND file": "baseline", "profile report"
     * @param what    what it is not when it is broken: "a lockopt baseline"
     * @param failure the exception the reading command reports its input problems with, from a
     *                message and the cause
     */
    public static <T> T read(Path file, String kind, String what, Parser<T> parser,
            BiFunction<String, Exception, ? extends RuntimeException> failure) {
        T value;
        try {
            value = parser.parse(InputFile.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw failure.apply("no such " + kind + " file: " + file, e);
        } catch (InputFile.NotARegularFileException e) {
            throw failure.apply(kind + " " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw failure.apply(JsonProblem.of(e).message(file, what), e);
        } catch (IOException e) {
            throw failure.apply("cannot read " + kind + " " + file + ": " + InputFile.describe(e), e);
        }
        if (value == null) {
            throw failure.apply(new JsonProblem(0, 0, "it holds null").message(file, what), null);
        }
        return value;
    }
}
