package io.floe.node.role;

import io.floe.node.healing.RecoverySettings;
import io.floe.node.healing.ScrubSettings;
import io.floe.node.http.StorageApiSettings;
import io.floe.protocol.committee.NodeId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a storage role is started with, each part read once from its own block of the member's configuration.
 *
 * @param dataDir the node's key, its sliver store ({@code slivers/}) and its progress live here
 * @param nShards the network's shard count (from the genesis)
 */
public record StorageNodeSettings(NodeId nodeId, Path dataDir, int nShards, StorageApiSettings storageApi,
                                  RecoverySettings recovery, ScrubSettings scrub) {
    public StorageNodeSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storageApi, "storageApi");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(scrub, "scrub");
    }
}
