package io.floe.api.gateway;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a reader finds each shard's slivers while a committee change may be under way: first the node that
 * {@link EpochCommittees#holderOf holds} the shard, then the other of its current and previous owners (the change may
 * have moved on since the view was taken). Metadata may come from any member of either committee.
 *
 * <p>Invariants: every candidate list starts with the holder and names each node at most once; outside a change
 * (no previous committee) it is the current owner alone.
 */
final class ShardHolders {
    private final EpochCommittees epochs;
    private final Map<NodeId, StorageNodeInfo> members = new LinkedHashMap<>();

    ShardHolders(EpochCommittees epochs) {
        this.epochs = epochs;
        epochs.current().members().forEach(m -> members.put(m.id(), m));
        epochs.previous().ifPresent(p -> p.members().forEach(m -> members.putIfAbsent(m.id(), m)));
    }

    /** One committee with nothing moving: each shard's owner is its only candidate. */
    static EpochCommittees fixed(Committee committee) {
        return EpochCommittees.genesis(committee, Instant.EPOCH, Duration.ZERO);
    }

    int nShards() {
        return epochs.current().nShards();
    }

    /** The nodes to ask for {@code shard}'s slivers, in order. */
    List<StorageNodeInfo> candidates(ShardIndex shard) {
        NodeId holder = epochs.holderOf(shard);
        List<StorageNodeInfo> order = new ArrayList<>(2);
        member(holder).ifPresent(order::add);
        List<NodeId> owners = new ArrayList<>(2);
        owners.add(epochs.current().ownerOf(shard));
        epochs.previous().ifPresent(p -> owners.add(p.ownerOf(shard)));
        for (NodeId owner : owners) {
            if (!owner.equals(holder)) {
                member(owner).filter(m -> !order.contains(m)).ifPresent(order::add);
            }
        }
        return order;
    }

    /** Every member of the current and, during a change, the previous committee. */
    List<StorageNodeInfo> metadataNodes() {
        return List.copyOf(members.values());
    }

    private Optional<StorageNodeInfo> member(NodeId node) {
        return Optional.ofNullable(members.get(node));
    }
}
