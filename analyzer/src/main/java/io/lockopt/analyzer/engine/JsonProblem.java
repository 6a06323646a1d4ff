package io.lockopt.analyzer.engine;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * What is wrong with a JSON file lockopt reads (a baseline, a cache, a profile or bench report, a
 * calibration), in words for its user. Jackson's own messages name lockopt's Java types ("Cannot
 * deserialize value of type `java.util.ArrayList&lt;...Baseline$Entry&gt;` from Object value")
 * and its parser's internals ("[Source: REDACTED ...]"); this says which key is wrong and how,
 * where Jackson knew the place.
 *
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param reason e.g. "'findings' must be a list, found an object", or "not valid JSON: ..."
 */
public record JsonProblem(int line, int column, String reason) {
    private static final Pattern FOUND = Pattern.compile(
            "from (Object|Array|String|Number|Integer|Floating-point|Boolean|Null) value", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");

    public static JsonProblem of(JacksonException e) {
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : Math.max(0, where.getLineNr());
        int column = line == 0 ? 0 : Math.max(0, where.getColumnNr());
        return new JsonProblem(line, column, reason(e));
    }

    /**
     * "FILE:LINE:COLUMN: not WHAT: REASON", as compilers place a problem; without the position when
     * Jackson did not know it.
     *
     * @param what "a lockopt baseline", "a lockopt profile report", ...
     */
    public String message(Object file, String what) {
        String position = line == 0 ? "" : ":" + line + (column == 0 ? "" : ":" + column);
        return file + position + ": not " + what + ": " + reason;
    }

    private static String reason(JacksonException e) {
        StreamReadException unreadable = streamReadCause(e);
        if (unreadable != null) {
            // The parser's own words are about the JSON text, not lockopt's types: kept, made plain.
            String said = firstLine(unreadable.getOriginalMessage());
            said = CHARACTER_CODE.matcher(SOURCE.matcher(said).replaceAll("line $1, column $2")).replaceAll("");
            said = said.isEmpty() ? said : Character.toLowerCase(said.charAt(0)) + said.substring(1);
            // A number too large for its key is a value problem; anything else the parser refused is the text's.
            return unreadable instanceof InputCoercionException ? at(e) + ": " + said : "not valid JSON: " + said;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return "unknown key " + at(e) + (known == null || known.isEmpty() ? ""
                    : " (known: " + new TreeSet<>(known.stream().map(String::valueOf).toList()).stream()
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (e instanceof ValueInstantiationException) {
            // lockopt's own check in a constructor says what it wants in a sentence; a null dereference does not.
            return e.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null
                    ? (at(e).equals("the top level") ? "" : at(e) + ": ") + refused.getMessage()
                    : at(e) + " lacks a part lockopt always writes (a key is missing or null)";
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (String.valueOf(mismatch.getOriginalMessage()).startsWith("No content to map")) {
                return "it is empty";
            }
            if (String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
                return "text follows the JSON value it holds (a second document, or text added after it)";
            }
            String found = found(mismatch);
            return at(e) + " must be " + expected(mismatch.getTargetType()) + (found.isEmpty() ? "" : ", found " + found);
        }
        return at(e) + " does not hold what lockopt writes there";
    }

    /** The key the problem is at, as a path: 'findings[0].rule'; "the top level" for the document. */
    private static String at(JacksonException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "the top level";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : "'" + path + "'";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        return Map.class.isAssignableFrom(type) ? "an object (keys and values)" : "an object";
    }

    /** What the file has instead, as Jackson's message names it (its wording, not its types). */
    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        }
        Matcher kind = FOUND.matcher(String.valueOf(e.getOriginalMessage()));
        if (!kind.find()) {
            return "";
        }
        return switch (kind.group(1).toLowerCase(Locale.ROOT)) {
            case "object" -> "an object";
            case "array" -> "a list";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "null" -> "null";
            default -> "a number";
        };
    }

    /** The parser's exception behind {@code e}: itself, or one a mapping error wraps (a number out of range, an early end). */
    private static StreamReadException streamReadCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
