package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** Decoded bytes that do not re-encode to the blob's metadata: the writer's encoding was inconsistent. */
public final class InconsistentBlobException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public InconsistentBlobException(String message) {
        super(message);
    }
}
