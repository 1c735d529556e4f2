package io.floe.encoding.metadata;

import io.floe.encoding.EncodingException;

/** Text or bytes that are not a well-formed blob ID. */
public final class InvalidBlobIdException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public InvalidBlobIdException(String message) {
        super(message);
    }
}
