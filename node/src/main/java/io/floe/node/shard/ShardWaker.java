package io.floe.node.shard;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Wakes the StorageShard entities of the shards this node holds ({@link EpochCommittees#holderOf}), so that after a
 * restart, or once this node has synced a shard it gained, the entity starts here as soon as the coordinator lets it.
 *
 * <p>Invariant: it wakes only shards whose holder is this node, the same rule the allocation strategy places by; a
 * shard this node owns but has not synced yet is not woken, so the old owner keeps it until the sync is done.
 */
public final class ShardWaker {
    private final ClusterSharding sharding;
    private final NodeId self;

    public ShardWaker(ActorSystem<?> system, NodeId self) {
        this.sharding = ClusterSharding.get(system);
        this.self = self;
    }

    /** Sends a wake to every shard this node holds in {@code epochs}. */
    public void wake(EpochCommittees epochs) {
        for (ShardIndex shard : heldBy(epochs, self)) {
            sharding.entityRefFor(StorageShard.ENTITY_KEY, Integer.toString(shard.value())).tell(new StorageShard.Wake());
        }
    }

    /** The shards whose holder is {@code node}, in index order. */
    static List<ShardIndex> heldBy(EpochCommittees epochs, NodeId node) {
        List<ShardIndex> held = new ArrayList<>();
        for (int k = 0; k < epochs.current().nShards(); k++) {
            ShardIndex shard = new ShardIndex(k);
            if (epochs.holderOf(shard).equals(node)) {
                held.add(shard);
            }
        }
        return held;
    }
}
