package io.floe.encoding.quilt;

import io.floe.encoding.EncodingException;

/** Files that cannot form a quilt: a bad or duplicate identifier, tags too large for their u16 size field, or no file at all. */
public final class InvalidQuiltInputException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public InvalidQuiltInputException(String message) {
        super(message);
    }
}
