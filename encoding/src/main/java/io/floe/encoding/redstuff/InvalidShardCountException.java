package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** A shard count Red Stuff cannot serve: below 4, or so large that the primary code exceeds GF(2^16). */
public final class InvalidShardCountException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final int nShards;

    public InvalidShardCountException(int nShards) {
        super("number of shards must be in [" + EncodingConfig.MIN_SHARDS + ", " + EncodingConfig.MAX_SHARDS
            + "], got " + nShards);
        this.nShards = nShards;
    }

    public int nShards() {
        return nShards;
    }
}
