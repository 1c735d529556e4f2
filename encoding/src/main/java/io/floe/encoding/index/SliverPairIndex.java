package io.floe.encoding.index;

/**
 * Index of a sliver pair, in [0, n): pair i holds primary sliver i and secondary sliver n-1-i. Pair and sliver
 * indices are easy to mix up; the conversions live here and nowhere else.
 */
public record SliverPairIndex(int value) {
    public SliverPairIndex {
        Indices.checkRange("sliver pair index", value);
    }

    /** Index of this pair's sliver of the given type. */
    public SliverIndex sliverIndex(SliverType type, int nShards) {
        Indices.checkBelow("sliver pair index", value, nShards);
        return new SliverIndex(type == SliverType.PRIMARY ? value : nShards - 1 - value);
    }

    /** The pair that holds the given sliver. */
    public static SliverPairIndex of(SliverType type, SliverIndex sliver, int nShards) {
        Indices.checkBelow("sliver index", sliver.value(), nShards);
        return new SliverPairIndex(type == SliverType.PRIMARY ? sliver.value() : nShards - 1 - sliver.value());
    }

    /** Shard that stores this pair for a blob whose ID, read big-endian, is {@code offset} modulo n. */
    public ShardIndex shard(int rotation, int nShards) {
        Indices.checkBelow("sliver pair index", value, nShards);
        return new ShardIndex((value + rotation) % nShards);
    }

    /** Pair stored on the given shard, the inverse of {@link #shard}. */
    public static SliverPairIndex onShard(ShardIndex shard, int rotation, int nShards) {
        Indices.checkBelow("shard index", shard.value(), nShards);
        return new SliverPairIndex(Math.floorMod(shard.value() - rotation, nShards));
    }
}
