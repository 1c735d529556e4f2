package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/**
 * A blob exceeds what n shards can encode with symbols of at most 65534 bytes, or what this process can hold in one
 * Java array.
 */
public final class BlobTooLargeException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    public BlobTooLargeException(long size, long limit, int nShards) {
        super("blob too large: " + size + " bytes, the limit for " + nShards + " shards is " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    private BlobTooLargeException(String message, long size, long limit) {
        super(message);
        this.size = size;
        this.limit = limit;
    }

    /** A blob whose bytes would not fit one Java array (at most {@code limit} bytes). */
    public static BlobTooLargeException forMemory(long size, long limit) {
        return new BlobTooLargeException("blob too large to hold in memory: " + size + " bytes, the limit is "
            + limit + " bytes", size, limit);
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
