package io.floe.protocol.committee;

import io.floe.encoding.index.ShardIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage nodes of one epoch and which shard each holds. Every shard has exactly one owner that is a member;
 * weights are counted in shards, never in nodes.
 *
 * @param shardOwners the owner of shard {@code k} at position {@code k}; its size is the network's shard count
 */
public record Committee(Epoch epoch, List<StorageNodeInfo> members, List<NodeId> shardOwners) {
    public Committee {
        members = List.copyOf(members);
        shardOwners = List.copyOf(shardOwners);
        Set<NodeId> ids = new HashSet<>();
        for (StorageNodeInfo m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("node " + m.id() + " is listed twice");
            }
        }
        for (NodeId owner : shardOwners) {
            if (!ids.contains(owner)) {
                throw new IllegalArgumentException("shard owner " + owner + " is not a committee member");
            }
        }
    }

    public int nShards() {
        return shardOwners.size();
    }

    public NodeId ownerOf(ShardIndex shard) {
        return shardOwners.get(shard.within(nShards()).value());
    }

    public List<ShardIndex> shardsOf(NodeId node) {
        List<ShardIndex> shards = new ArrayList<>();
        for (int k = 0; k < shardOwners.size(); k++) {
            if (shardOwners.get(k).equals(node)) {
                shards.add(new ShardIndex(k));
            }
        }
        return shards;
    }

    public Optional<StorageNodeInfo> member(NodeId node) {
        return members.stream().filter(m -> m.id().equals(node)).findFirst();
    }

    /** Shards held by the given nodes together (each node counted once). */
    public int weightOf(Collection<NodeId> nodes) {
        Set<NodeId> distinct = new HashSet<>(nodes);
        int weight = 0;
        for (NodeId owner : shardOwners) {
            if (distinct.contains(owner)) {
                weight++;
            }
        }
        return weight;
    }

    /** Quorum: {@code 3w >= 2n + 1}. */
    public boolean isQuorum(int weight) {
        return 3L * weight >= 2L * nShards() + 1;
    }

    /** Validity (at least one honest shard): {@code 3w >= n + 1}. */
    public boolean isValidity(int weight) {
        return 3L * weight >= nShards() + 1L;
    }
}
