package io.floe.cluster.health;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.NodeId;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a storage member's shards-held check looks at: the node it runs and which shards' StorageShard entities run
 * here now (the node API stores and serves slivers only for those).
 *
 * @param node   the storage node this member runs
 * @param hosted true for a shard hosted here now; asked on every check, so it reflects moves as they happen
 */
public record HostedShardsSource(NodeId node, Predicate<ShardIndex> hosted) {
    public HostedShardsSource {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(hosted, "hosted");
    }
}
