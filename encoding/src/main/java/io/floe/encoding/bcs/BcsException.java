package io.floe.encoding.bcs;

import io.floe.encoding.EncodingException;

/**
 * Input that is not valid BCS for the expected layout: truncated, non-canonical or out of range.
 *
 * <p>Invariant: {@link #offset()} is the absolute offset in the reader's array at which the offending value starts,
 * so a caller can report where a peer's message went wrong.
 */
public final class BcsException extends EncodingException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public BcsException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Absolute offset in the input array where the offending value starts. */
    public int offset() {
        return offset;
    }
}
