package io.floe.node.http;

import io.floe.actors.ledger.CommitteeView;
import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.node.NodeBackend;
import io.floe.api.node.NodeHealth;
import io.floe.api.node.SliverBatch;
import io.floe.api.node.SyncShardResponse;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.node.healing.HealingMetrics;
import io.floe.node.shard.HostedShards;
import io.floe.persistence.keys.NodeKeys;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node routes' view of a storage member: its key, the epochs' committees the ledger formed, the shards whose
 * entities run here, and its RocksDB sliver store. A pair's shard follows from the blob's rotation.
 */
public final class StorageNodeBackend implements NodeBackend {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNodeBackend.class);
    private final NodeId nodeId;
    private final NodeKeys keys;
    private final CommitteeView committees;
    private final HostedShards hosted;
    private final SliverStore store;
    private final ControlPlane control;
    /** Where the node's event processor records the blobs it dropped as invalid. */
    private final NodeProgress progress;
    /** Where the event processor records the blob objects deleted. */
    private final BlobLifetimes lifetimes;
    // Every sliver PUT and GET needs the blob's verified metadata; parsing and re-verifying it (a Merkle root over
    // n pair hashes) per request would cost more than the request itself, so recent ones are kept.
    private final java.util.Map<BlobId, VerifiedMetadata> recentMetadata = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<BlobId, VerifiedMetadata> eldest) {
                    return size() > METADATA_CACHE_ENTRIES;
                }
            });
    private static final int METADATA_CACHE_ENTRIES = 1024;
    private final GroupedSync walSync;
    private final HealingMetrics healingMetrics;
    private final int recoverySymbolRequests;
    /** The shard sync's state for the health answer; none until the storage role hands its driver over. */
    private volatile Supplier<NodeHealth.ShardSync> shardSync = () -> NodeHealth.ShardSync.NONE;

    /**
     * With the node's recovery counters (shown in its health answer) and the number of recovery-symbol requests it
     * computes at once.
     */
    public StorageNodeBackend(NodeId nodeId, NodeKeys keys, CommitteeView committees,
                              HostedShards hosted, SliverStore store, ControlPlane control,
                              HealingMetrics healingMetrics, int recoverySymbolRequests) {
        if (recoverySymbolRequests < 1) {
            throw new IllegalArgumentException("recovery-symbol requests must be at least 1, got " + recoverySymbolRequests);
        }
        this.nodeId = nodeId;
        this.keys = keys;
        this.committees = committees;
        this.hosted = hosted;
        this.store = store;
        this.control = control;
        this.walSync = new GroupedSync(store::syncWal);
        this.progress = new NodeProgress(store);
        this.lifetimes = new BlobLifetimes(store);
        this.healingMetrics = healingMetrics;
        this.recoverySymbolRequests = recoverySymbolRequests;
    }

    @Override
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    public Ed25519PublicKey publicKey() {
        return keys.publicKey();
    }

    @Override
    public EpochCommittees epochs() {
        return committees.epochs().orElseThrow(() -> new ControlPlaneException.Unavailable(
                "the network's committee is not formed yet (waiting for every genesis node to register)", null));
    }

    @Override
    public boolean holdsShard(ShardIndex shard) {
        return hosted.contains(shard);
    }

    @Override
    public ControlPlane controlPlane() {
        return control;
    }

    @Override
    public Optional<VerifiedMetadata> metadata(BlobId blobId) {
        VerifiedMetadata cached = recentMetadata.get(blobId);
        // The event processor deletes blobs (invalid, expired, deleted) behind this cache: a key lookup keeps the copy
        // honest, still far cheaper than the parse and Merkle check the cache saves.
        if (cached != null) {
            if (store.hasMetadata(blobId)) {
                return Optional.of(cached);
            }
            recentMetadata.remove(blobId, cached);
            return Optional.empty();
        }
        Optional<VerifiedMetadata> stored = store.metadata(blobId);
        stored.ifPresent(m -> recentMetadata.put(blobId, m));
        return stored;
    }

    @Override
    public boolean knownInvalid(BlobId blobId) {
        return progress.isInvalid(blobId);
    }

    @Override
    public Set<ObjectId> deletedObjects(BlobId blobId) {
        return lifetimes.deletedObjects(blobId);
    }

    @Override
    public void storeMetadata(VerifiedMetadata metadata) {
        store.putMetadata(metadata);
        recentMetadata.put(metadata.blobId(), metadata);
    }

    @Override
    public Optional<Sliver> sliver(BlobId blobId, SliverType type, SliverPairIndex pair) {
        return store.sliver(shardOf(blobId, pair), type, blobId);
    }

    @Override
    public boolean hasSliver(BlobId blobId, SliverType type, SliverPairIndex pair) {
        return store.hasSliver(shardOf(blobId, pair), type, blobId);
    }

    @Override
    public void storeSliver(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        store.putSliver(shardOf(blobId, pair), blobId, sliver);
    }

    @Override
    public void storeSlivers(BlobId blobId, List<SliverBatch.Entry> slivers) {
        store.putSlivers(blobId, slivers.stream()
                .map(e -> new SliverStore.ShardWrite(shardOf(blobId, e.pair()), e.sliver())).toList());
    }

    @Override
    public SignedMessage sign(byte[] serializedMessage) {
        // A signed confirmation promises the slivers are stored: make them survive power loss first.
        // Concurrent confirmations share one fsync (GroupedSync).
        long start = System.nanoTime();
        walSync.sync();
        long synced = System.nanoTime();
        SignedMessage signed = new SignedMessage(serializedMessage, keys.sign(serializedMessage));
        LOG.debug("signed after a write-ahead log sync of {} us, signing {} us", (synced - start) / 1000,
                (System.nanoTime() - synced) / 1000);
        return signed;
    }

    @Override
    public int recoverySymbolRequests() {
        return recoverySymbolRequests;
    }

    @Override
    public NodeHealth.Recovery recovery() {
        HealingMetrics.Snapshot s = healingMetrics.snapshot();
        return new NodeHealth.Recovery(s.sliversRebuilt(), s.bytesFetched(), s.bytesRebuilt(), s.recoveriesFailed(),
                s.inconsistenciesFound(), s.sliversScrubbed(), s.scrubMismatches(), s.eventsProcessed(),
                s.recoveriesPending());
    }

    @Override
    public List<SyncShardResponse.Entry> shardSlivers(ShardIndex shard, SliverType type, BlobId fromInclusive,
                                                      int limit, long maxBytes) {
        // Not filtered by drop marks: an empty answer means the family's end to the puller, which skips the blobs
        // its own node dropped (and a dropped blob's slivers here are deleted right after its mark).
        return store.slivers(shard, type, fromInclusive, limit, maxBytes).stream()
                .map(s -> new SyncShardResponse.Entry(s.blobId(), s.sliver())).toList();
    }

    /** Shows {@code sync}'s state (shards in transfer or recovery) in {@code /v1/health} from now on. */
    public void followShardSync(Supplier<NodeHealth.ShardSync> sync) {
        this.shardSync = sync;
    }

    @Override
    public NodeHealth.ShardSync shardSync() {
        return shardSync.get();
    }

    private ShardIndex shardOf(BlobId blobId, SliverPairIndex pair) {
        int n = committee().nShards();
        return pair.shard(blobId.rotation(n), n);
    }
}
