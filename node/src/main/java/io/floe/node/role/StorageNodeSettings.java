package io.floe.node.role;

import com.typesafe.config.Config;
import io.floe.node.healing.RecoverySettings;
import io.floe.node.healing.ScrubSettings;
import io.floe.node.http.StorageApiSettings;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.config.ConfigSection;
import io.floe.protocol.ledger.PoolParams;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a storage role is started with, each part read once from its own block of the member's configuration.
 *
 * @param dataDir the node's key, its sliver store ({@code slivers/}) and its progress live here
 * @param nShards the network's shard count (from the genesis)
 * @param pool    the staking pool the node registers with the ledger ({@value #POOL_PATH})
 */
public record StorageNodeSettings(NodeId nodeId, Path dataDir, int nShards, StorageApiSettings storageApi,
                                  RecoverySettings recovery, ScrubSettings scrub, PoolParams pool) {
    /** The block the pool is read from (documented in the node module's reference.conf). */
    public static final String POOL_PATH = "floe.pool";

    public StorageNodeSettings {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storageApi, "storageApi");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(scrub, "scrub");
    }

    /** Reads {@value #POOL_PATH} of a resolved member configuration. */
    public static PoolParams pool(Config root) {
        ConfigSection c = ConfigSection.of(root, POOL_PATH);
        int commission = c.intValue("commission-rate");
        if (commission < 0 || commission > PoolParams.MAX_COMMISSION) {
            throw c.bad("commission-rate", "must be 0.." + PoolParams.MAX_COMMISSION + " basis points");
        }
        long storagePrice = c.longValue("storage-price");
        long writePrice = c.longValue("write-price");
        if (storagePrice < 0 || writePrice < 0) {
            throw c.bad(storagePrice < 0 ? "storage-price" : "write-price", "must be >= 0");
        }
        return new PoolParams(commission, c.bytes("capacity"), storagePrice, writePrice);
    }
}
