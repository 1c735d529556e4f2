package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** A blob exceeds what n shards can encode with symbols of at most 65534 bytes. */
public final class BlobTooLargeException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    public BlobTooLargeException(long size, long limit, int nShards) {
        super("blob too large: " + size + " bytes, the limit for " + nShards + " shards is " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
