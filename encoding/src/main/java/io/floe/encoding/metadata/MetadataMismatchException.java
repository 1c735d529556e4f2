package io.floe.encoding.metadata;

import io.floe.encoding.EncodingException;

/** Metadata whose hashes do not recompute the blob ID it claims. */
public final class MetadataMismatchException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public MetadataMismatchException(BlobId claimed, BlobId computed) {
        super("metadata does not match blob ID " + claimed + " (it computes " + computed + ")");
    }
}
