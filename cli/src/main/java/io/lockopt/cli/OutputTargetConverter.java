package io.lockopt.cli;

import io.lockopt.files.OutputTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a report option ({@code --output}, {@code --json}, {@code --html}, ...) as an
 * {@link OutputTarget}, so that every command refuses a directory as a usage error (exit 2)
 * while its options are read, before any work starts.
 */
public final class OutputTargetConverter implements ITypeConverter<OutputTarget> {
    @Override
    public OutputTarget convert(String value) {
        try {
            return OutputTarget.parse(value);
        } catch (OutputTarget.UnusableException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
