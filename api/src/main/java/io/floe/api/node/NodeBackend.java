package io.floe.api.node;

import io.floe.api.control.ControlPlane;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the storage-node routes need from the member they run in. The store methods block (RocksDB) and are
 * called off the HTTP dispatcher; a write survives a crash of the process once it returns, and {@link #sign} makes
 * all earlier writes survive power loss too.
 */
public interface NodeBackend {
    NodeId nodeId();

    /** This node's Ed25519 protocol public key. */
    Ed25519PublicKey publicKey();

    /**
     * The epochs' committees as this node last saw them: the current one, the previous one while shards move, and
     * which new owners have synced. The sliver routes decide by it what this node accepts and serves.
     */
    EpochCommittees epochs();

    /** The committee of the current epoch. */
    default Committee committee() {
        return epochs().current();
    }

    /** True when this shard's StorageShard entity runs here now (it lives on the shard's holder). */
    boolean holdsShard(ShardIndex shard);

    ControlPlane controlPlane();

    Optional<VerifiedMetadata> metadata(BlobId blobId);

    /**
     * True when this node has seen the blob marked invalid by a validity certificate: it drops the blob's slivers and
     * metadata and serves none of them again.
     */
    boolean knownInvalid(BlobId blobId);

    /**
     * The blob's objects (registrations) this node has seen deleted; object IDs are never reused, so the set only
     * grows. A node that does not follow deletions answers none.
     */
    default Set<ObjectId> deletedObjects(BlobId blobId) {
        return Set.of();
    }

    void storeMetadata(VerifiedMetadata metadata);

    Optional<Sliver> sliver(BlobId blobId, SliverType type, SliverPairIndex pair);

    boolean hasSliver(BlobId blobId, SliverType type, SliverPairIndex pair);

    /** Stores a sliver already verified against the blob's metadata. */
    void storeSliver(BlobId blobId, SliverPairIndex pair, Sliver sliver);

    /**
     * Stores slivers of one blob already verified against its metadata, at once (a batch upload); by default one by
     * one. A backend may write them in one atomic write.
     */
    default void storeSlivers(BlobId blobId, List<SliverBatch.Entry> slivers) {
        slivers.forEach(e -> storeSliver(blobId, e.pair(), e.sliver()));
    }

    /** Signs a protocol message with this node's key. */
    SignedMessage sign(byte[] serializedMessage);

    /**
     * How many {@code recoverySymbols} requests may compute symbols at once (each expands slivers: CPU-bound;
     * {@code floe.recovery.symbol-requests}); more are refused with 503 until one finishes. Read once when the routes
     * are built.
     */
    int recoverySymbolRequests();

    /**
     * Symbol bytes one {@code recoverySymbols} answer may hold at most (targets × source slivers held here × symbol
     * size); a request whose answer would hold more is refused with 400 {@code INVALID_RECOVERY_QUERY}. Read once when
     * the routes are built.
     */
    default long recoveryAnswerBytes() {
        return RecoveryEndpoints.MAX_ANSWER_BYTES;
    }

    /**
     * Up to {@code limit} of this node's stored slivers of {@code shard} and {@code type} in blob-ID order from
     * {@code fromInclusive}, no more once their bytes reach {@code maxBytes} (at least one when there is one), for
     * the shard's new owner ({@code POST /v1/migrate/sync_shard}). Blocking. A node that cannot range-read its store
     * answers none.
     */
    default List<SyncShardResponse.Entry> shardSlivers(ShardIndex shard, SliverType type, BlobId fromInclusive,
                                                       int limit, long maxBytes) {
        return List.of();
    }

    /** The most slivers one sync request may ask for (Walrus's {@code max_sliver_count_per_sync_request}). */
    default int maxSyncSlivers() {
        return SyncShardEndpoint.DEFAULT_MAX_SLIVERS;
    }

    /** Where this node's pull of the shards it gained stands, for its health answer. */
    default NodeHealth.ShardSync shardSync() {
        return NodeHealth.ShardSync.NONE;
    }

    /** This node's self-healing counters, for its health answer; {@link NodeHealth.Recovery#NONE} if it has none. */
    default NodeHealth.Recovery recovery() {
        return NodeHealth.Recovery.NONE;
    }
}
