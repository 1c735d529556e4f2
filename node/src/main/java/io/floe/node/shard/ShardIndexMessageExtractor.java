package io.floe.node.shard;

import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/**
 * Routes {@link ShardingEnvelope}s of the StorageShard entity so that entity {@code "k"} lives in Pekko shard
 * {@code "k"}: one entity per Walrus shard, and the shard ID is what {@link CommitteeShardAllocationStrategy}
 * places. Pekko's default extractor hashes entity IDs into shards, which would break that.
 *
 * <p>Invariant: {@code shardId(id) == id} for every entity ID.
 */
public final class ShardIndexMessageExtractor<M> extends ShardingMessageExtractor<ShardingEnvelope<M>, M> {
    @Override
    public String entityId(ShardingEnvelope<M> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        return entityId;
    }

    @Override
    public M unwrapMessage(ShardingEnvelope<M> envelope) {
        return envelope.message();
    }
}
