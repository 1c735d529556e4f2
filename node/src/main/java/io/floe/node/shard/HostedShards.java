package io.floe.node.shard;

import io.floe.encoding.index.ShardIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shards whose {@link StorageShard} entity runs in this member right now. The node API stores and serves
 * slivers only for these, so a shard moved away (or not yet started here) is never written behind its owner's back.
 */
public final class HostedShards {
    private final Set<ShardIndex> shards = ConcurrentHashMap.newKeySet();

    void add(ShardIndex shard) {
        shards.add(shard);
    }

    void remove(ShardIndex shard) {
        shards.remove(shard);
    }

    public boolean contains(ShardIndex shard) {
        return shards.contains(shard);
    }

    /** Adds the gauge {@code floe_node_shards_hosted}: how many shards this member hosts now. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("floe.node.shards.hosted", shards, Set::size)
                .description("Shards whose StorageShard entity runs in this member").register(registry);
    }
}
