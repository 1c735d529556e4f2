package io.floe.encoding.quilt;

import io.floe.encoding.EncodingException;

/** Text that is not a version-1 quilt patch ID, or a column range no patch can have. */
public final class InvalidQuiltPatchIdException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public InvalidQuiltPatchIdException(String message) {
        super(message);
    }
}
