package io.lockopt.samples;

/** A tick was rejected under {@link BadTickPolicy#THROW}; the message says why. */
public class BadTickException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadTickException(String message) {
        super(message);
    }
}
