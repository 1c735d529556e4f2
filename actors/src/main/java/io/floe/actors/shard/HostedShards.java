package io.floe.actors.shard;

import io.floe.encoding.index.ShardIndex;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shards whose {@link StorageShard} entity runs in this member right now. The node API stores and serves
 * slivers only for these, so a shard moved away (or not yet started here) is never written behind its owner's back.
 */
public final class HostedShards {
    private final Set<Integer> shards = ConcurrentHashMap.newKeySet();

    void add(ShardIndex shard) {
        shards.add(shard.value());
    }

    void remove(ShardIndex shard) {
        shards.remove(shard.value());
    }

    public boolean contains(ShardIndex shard) {
        return shards.contains(shard.value());
    }

    public SortedSet<Integer> snapshot() {
        return new TreeSet<>(shards);
    }
}
