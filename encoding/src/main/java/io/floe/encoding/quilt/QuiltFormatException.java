package io.floe.encoding.quilt;

import io.floe.encoding.EncodingException;

/** Bytes that are not a version-1 quilt for the given shard count: a wrong version byte, an index or a patch header that does not parse, or columns outside the matrix. */
public final class QuiltFormatException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public QuiltFormatException(String message) {
        super(message);
    }
}
