package io.floe.encoding.index;

/** Index of a shard of the network, in [0, n). */
public record ShardIndex(int value) {
    public ShardIndex {
        Indices.checkRange("shard index", value);
    }

    /** Checks this index against the network's shard count. */
    public ShardIndex within(int nShards) {
        Indices.checkBelow("shard index", value, nShards);
        return this;
    }
}
