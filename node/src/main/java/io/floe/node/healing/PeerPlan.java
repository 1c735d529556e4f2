package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Which peers one recovery asks, in which order, and for which source slivers. The order is the committee's other
 * members by node ID, rotated by the pair index: recoveries of different pairs (a wiped node rebuilds all of its
 * pairs) start at different peers, so no peer serves every first request.
 */
final class PeerPlan {
    /** A peer and the source slivers of one type its shards hold for the blob, in shard order. */
    record Peer(NodeId id, String url, List<SliverIndex> sources) {
        Peer {
            sources = List.copyOf(sources);
        }
    }

    private PeerPlan() {
    }

    /** The other members with a storage URL, in the order a recovery of {@code pair} asks them. */
    static List<StorageNodeInfo> order(Committee committee, NodeId self, SliverPairIndex pair) {
        List<StorageNodeInfo> others = new ArrayList<>();
        for (StorageNodeInfo member : committee.members()) {
            if (!member.id().equals(self) && !member.storageUrl().isBlank()) {
                others.add(member);
            }
        }
        others.sort(Comparator.comparing(m -> m.id().value()));
        if (!others.isEmpty()) {
            Collections.rotate(others, -(pair.value() % others.size()));
        }
        return others;
    }

    /** {@link #order}ed peers holding at least one sliver of {@code sourceType} of the blob, with those slivers. */
    static List<Peer> peers(Committee committee, NodeId self, BlobId blobId, SliverPairIndex pair, SliverType sourceType) {
        List<Peer> peers = new ArrayList<>();
        for (StorageNodeInfo member : order(committee, self, pair)) {
            List<SliverIndex> sources = sources(committee, member.id(), blobId, sourceType);
            if (!sources.isEmpty()) {
                peers.add(new Peer(member.id(), member.storageUrl(), sources));
            }
        }
        return peers;
    }

    /** The slivers of {@code type} of the blob that the committee's shards of {@code node} hold. */
    static List<SliverIndex> sources(Committee committee, NodeId node, BlobId blobId, SliverType type) {
        int n = committee.nShards();
        int rotation = blobId.rotation(n);
        List<SliverIndex> sources = new ArrayList<>();
        for (ShardIndex shard : committee.shardsOf(node)) {
            sources.add(SliverPairIndex.onShard(shard, rotation, n).sliverIndex(type, n));
        }
        return sources;
    }
}
