package io.floe.node.shard;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placement rules of {@link CommitteeShardAllocationStrategy}, free of actors so they can be tested alone.
 * Regions are any type {@code R} (Pekko's region {@code ActorRef}s in production).
 *
 * <p>Invariant: a shard is only ever placed on, or moved to, the region of its holder,
 * {@link EpochCommittees#holderOf}: its owner in the current committee once that owner has synced it (or nothing
 * moves), else its owner in the previous committee. So during an epoch change a moving shard stays with its old owner
 * until the new one has its data, then moves. When the holder's region is missing the answer is "not now" (an
 * exception), never another node, because only the holder has the shard's slivers.
 */
final class ShardAllocationDecider {
    private static final Logger LOG = LoggerFactory.getLogger(ShardAllocationDecider.class);

    private ShardAllocationDecider() {
    }

    /**
     * The storage node each region runs on, by the roles of the cluster member at the region's address. A region
     * with a local address (no host: the region of this very system) is on {@code selfAddress}. Regions on
     * members without a node role, or with a malformed one, are left out.
     */
    public static <R> Map<R, NodeId> regionNodes(Map<R, Address> regionAddresses, Address selfAddress,
                                                 Map<Address, ? extends Collection<String>> rolesByAddress) {
        Map<R, NodeId> nodes = new LinkedHashMap<>();
        regionAddresses.forEach((region, address) -> {
            Address member = address.hasLocalScope() ? selfAddress : address;
            Collection<String> roles = rolesByAddress.get(member);
            if (roles == null) {
                return;
            }
            try {
                NodeRoles.nodeIdOf(roles).ifPresent(node -> nodes.put(region, node));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring shard region {} on member {}: {}", region, member, e.getMessage());
            }
        });
        return nodes;
    }

    /**
     * The region that must host {@code shardId}: the region of the shard's holder.
     *
     * @param epochs      the epochs' committees, or null while none is known
     * @param regionNodes the active regions and their nodes, as from {@link #regionNodes}
     * @throws ShardAllocationException if the shard cannot be placed now
     */
    public static <R> R allocate(EpochCommittees epochs, String shardId, Map<R, NodeId> regionNodes) {
        if (epochs == null) {
            throw new ShardAllocationException.NoCommittee(shardId);
        }
        NodeId holder = epochs.holderOf(shardIndex(shardId, epochs.current().nShards()));
        return regionOf(holder, regionNodes)
                .orElseThrow(() -> new ShardAllocationException.OwnerUnavailable(shardId, holder));
    }

    /**
     * The shards to hand off now: those hosted on a region that is not their holder's, whose holder has a region to
     * take them, and that are not already being moved. A shard whose new owner has not synced yet stays put. Shard
     * IDs that are not indices of the committee are left where they are (they cannot have been placed by
     * {@link #allocate}).
     *
     * @param allocations the shards each region hosts
     */
    public static <R> Set<String> rebalance(EpochCommittees epochs, Map<R, ? extends Collection<String>> allocations,
                                            Map<R, NodeId> regionNodes, Set<String> inProgress) {
        Set<String> moves = new TreeSet<>(Comparator.comparingInt(ShardAllocationDecider::sortKey));
        if (epochs == null) {
            return moves;
        }
        Map<NodeId, R> regionByNode = invert(regionNodes);
        allocations.forEach((region, shards) -> {
            NodeId host = regionNodes.get(region);
            for (String shard : shards) {
                if (inProgress.contains(shard)) {
                    continue;
                }
                Optional<NodeId> holder = holderOf(epochs, shard);
                if (holder.isPresent() && !holder.get().equals(host) && regionByNode.containsKey(holder.get())) {
                    moves.add(shard);
                }
            }
        });
        return moves;
    }

    /** Shard index {@code k} from Pekko shard ID {@code "k"}: decimal digits only, in [0, n). */
    static ShardIndex shardIndex(String shardId, int nShards) {
        // Only plain digits: Integer.parseInt would also take "+1" and "-0", which no entity ID should be.
        if (shardId.isEmpty() || shardId.length() > 10 || !shardId.chars().allMatch(c -> c >= '0' && c <= '9')
                || (shardId.length() > 1 && shardId.charAt(0) == '0')) {
            throw new ShardAllocationException.InvalidShardId(shardId, nShards);
        }
        long k = Long.parseLong(shardId);
        if (k >= nShards) {
            throw new ShardAllocationException.InvalidShardId(shardId, nShards);
        }
        return new ShardIndex((int) k);
    }

    private static Optional<NodeId> holderOf(EpochCommittees epochs, String shard) {
        try {
            return Optional.of(epochs.holderOf(shardIndex(shard, epochs.current().nShards())));
        } catch (ShardAllocationException.InvalidShardId e) {
            return Optional.empty();
        }
    }

    private static <R> Optional<R> regionOf(NodeId node, Map<R, NodeId> regionNodes) {
        return Optional.ofNullable(invert(regionNodes).get(node));
    }

    /**
     * Node to region. Two regions of one node exist only briefly (a restarted node whose old region has not yet
     * been removed); the one whose name sorts first is taken, so every call agrees.
     */
    private static <R> Map<NodeId, R> invert(Map<R, NodeId> regionNodes) {
        Map<NodeId, R> byNode = new HashMap<>();
        regionNodes.forEach((region, node) -> byNode.merge(node, region,
                (a, b) -> String.valueOf(a).compareTo(String.valueOf(b)) <= 0 ? a : b));
        return byNode;
    }

    private static int sortKey(String shard) {
        // Moves are reported in index order, for readable logs; valid IDs are all that reach this set.
        return Integer.parseInt(shard);
    }
}
