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
import io.floe.protocol.testing.TestKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node backend in maps, signing with a {@link TestKey}. It records the threads its store calls ran on, so tests
 * can check the routes keep blocking work off the HTTP dispatcher.
 */
final class InMemoryNodeBackend implements NodeBackend {
    private record SliverKey(BlobId blobId, SliverType type, SliverPairIndex pair) {
    }

    private final NodeId nodeId;
    private volatile EpochCommittees epochs;
    private final ControlPlane controlPlane;
    private final TestKey keys;
    private final Set<ShardIndex> held = ConcurrentHashMap.newKeySet();
    private final Map<BlobId, VerifiedMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<SliverKey, Sliver> slivers = new ConcurrentHashMap<>();
    private final Set<String> storeThreads = ConcurrentHashMap.newKeySet();
    private final Set<BlobId> invalid = ConcurrentHashMap.newKeySet();
    private final Map<BlobId, Set<ObjectId>> deleted = new ConcurrentHashMap<>();

    /** Holds every shard the committee gives the node, in a genesis epoch of that committee. */
    InMemoryNodeBackend(NodeId nodeId, Committee committee, ControlPlane controlPlane, TestKey keys) {
        this.nodeId = nodeId;
        this.epochs = EpochCommittees.genesis(committee, Instant.EPOCH, Duration.ofDays(1));
        this.controlPlane = controlPlane;
        this.keys = keys;
        held.addAll(committee.shardsOf(nodeId));
    }

    void release(ShardIndex shard) {
        held.remove(shard);
    }

    void host(ShardIndex shard) {
        held.add(shard);
    }

    /** As the node's committee cache does when the ledger moves on; which shards run here is left as it was. */
    void epochs(EpochCommittees next) {
        epochs = next;
    }

    /** As the node's event processor does when a blob is marked invalid: forget it and remember it is invalid. */
    void markInvalid(BlobId blobId) {
        invalid.add(blobId);
        metadata.remove(blobId);
        slivers.keySet().removeIf(k -> k.blobId().equals(blobId));
    }

    /** As the node's event processor does when it follows a Deleted event: remember the object is gone. */
    void markObjectDeleted(BlobId blobId, ObjectId objectId) {
        deleted.computeIfAbsent(blobId, id -> ConcurrentHashMap.newKeySet()).add(objectId);
    }

    @Override
    public Set<ObjectId> deletedObjects(BlobId blobId) {
        return Set.copyOf(deleted.getOrDefault(blobId, Set.of()));
    }

    Set<String> storeThreads() {
        return Set.copyOf(storeThreads);
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
        return epochs;
    }

    @Override
    public boolean holdsShard(ShardIndex shard) {
        return held.contains(shard);
    }

    @Override
    public ControlPlane controlPlane() {
        return controlPlane;
    }

    @Override
    public Optional<VerifiedMetadata> metadata(BlobId blobId) {
        return Optional.ofNullable(metadata.get(blobId));
    }

    @Override
    public boolean knownInvalid(BlobId blobId) {
        return invalid.contains(blobId);
    }

    @Override
    public void storeMetadata(VerifiedMetadata m) {
        storeThreads.add(Thread.currentThread().getName());
        metadata.put(m.blobId(), m);
    }

    @Override
    public Optional<Sliver> sliver(BlobId blobId, SliverType type, SliverPairIndex pair) {
        return Optional.ofNullable(slivers.get(new SliverKey(blobId, type, pair)));
    }

    @Override
    public boolean hasSliver(BlobId blobId, SliverType type, SliverPairIndex pair) {
        return slivers.containsKey(new SliverKey(blobId, type, pair));
    }

    @Override
    public void storeSliver(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        storeThreads.add(Thread.currentThread().getName());
        slivers.put(new SliverKey(blobId, sliver.type(), pair), sliver);
    }

    @Override
    public SignedMessage sign(byte[] serializedMessage) {
        return keys.signed(serializedMessage);
    }

    /** The fixture's own limit, enough for the tests that fetch symbols in parallel; one test overrides it to 1. */
    @Override
    public int recoverySymbolRequests() {
        return 4;
    }
}
