package io.floe.api.node;

import io.floe.api.control.ControlPlane;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node backend in maps, signing with a JDK Ed25519 key. It records the threads its store calls ran on, so tests
 * can check the routes keep blocking work off the HTTP dispatcher.
 */
final class InMemoryNodeBackend implements NodeBackend {
    private record SliverKey(BlobId blobId, SliverType type, SliverPairIndex pair) {
    }

    private final NodeId nodeId;
    private final Committee committee;
    private final ControlPlane controlPlane;
    private final KeyPair keys;
    private final Set<ShardIndex> held = ConcurrentHashMap.newKeySet();
    private final Map<BlobId, VerifiedMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<SliverKey, Sliver> slivers = new ConcurrentHashMap<>();
    private final Set<String> storeThreads = ConcurrentHashMap.newKeySet();
    private final Set<BlobId> invalid = ConcurrentHashMap.newKeySet();

    /** Holds every shard the committee gives the node. */
    InMemoryNodeBackend(NodeId nodeId, Committee committee, ControlPlane controlPlane, KeyPair keys) {
        this.nodeId = nodeId;
        this.committee = committee;
        this.controlPlane = controlPlane;
        this.keys = keys;
        held.addAll(committee.shardsOf(nodeId));
    }

    /** The 32 raw bytes of an Ed25519 public key: its X.509 encoding minus the 12-byte algorithm prefix. */
    static byte[] rawPublicKey(KeyPair keys) {
        byte[] encoded = keys.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    void release(ShardIndex shard) {
        held.remove(shard);
    }

    /** As the node's event processor does when a blob is marked invalid: forget it and remember it is invalid. */
    void markInvalid(BlobId blobId) {
        invalid.add(blobId);
        metadata.remove(blobId);
        slivers.keySet().removeIf(k -> k.blobId().equals(blobId));
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
        return Ed25519PublicKey.of(rawPublicKey(keys));
    }

    @Override
    public Committee committee() {
        return committee;
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
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(serializedMessage);
            return new SignedMessage(serializedMessage, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs with Ed25519", e);
        }
    }

    /** The fixture's own limit, enough for the tests that fetch symbols in parallel; one test overrides it to 1. */
    @Override
    public int recoverySymbolRequests() {
        return 4;
    }
}
