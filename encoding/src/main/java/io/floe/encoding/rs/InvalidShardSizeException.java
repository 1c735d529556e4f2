package io.floe.encoding.rs;

import io.floe.encoding.EncodingException;

/** A shard length is odd, zero, or differs from the code's shard size. */
public final class InvalidShardSizeException extends EncodingException {
    private static final long serialVersionUID = 1L;

    public InvalidShardSizeException(int shardBytes) {
        super("shard size must be even and at least 2 bytes, got " + shardBytes);
    }

    public InvalidShardSizeException(int index, int actual, int expected) {
        super("shard " + index + " has " + actual + " bytes, expected " + expected);
    }
}
