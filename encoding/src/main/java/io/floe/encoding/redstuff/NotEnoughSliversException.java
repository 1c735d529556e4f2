package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** Fewer distinct slivers (or recovery symbols) than the code needs. */
public final class NotEnoughSliversException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public NotEnoughSliversException(String what, int have, int need) {
        super("not enough " + what + ": have " + have + ", need " + need);
    }
}
