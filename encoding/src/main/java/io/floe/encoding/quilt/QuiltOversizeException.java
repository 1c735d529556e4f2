package io.floe.encoding.quilt;

import io.floe.encoding.EncodingException;

/** Files that do not fit one quilt for the given shard count: more files than columns, or a symbol size above 65534 bytes, or an index over 10 columns. */
public final class QuiltOversizeException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public QuiltOversizeException(String message) {
        super(message);
    }
}
