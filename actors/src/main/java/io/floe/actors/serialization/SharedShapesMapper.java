package io.floe.actors.serialization;

import com.google.protobuf.ByteString;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.proto.FloeBlobProto;
import io.floe.protocol.proto.FloeLedgerProto;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.util.List;
import java.util.Optional;

/**
 * Protobuf mapping of the protocol's value types that Floe's messages carry inside them (IDs, keys, epochs, signed
 * messages, registrations, blob records, committee members and committees), for every area mapper.
 *
 * <p>Invariant: this is the one place each of these shapes is mapped, so a registration, a key or a committee has
 * the same bytes whichever entity's message or event carries it. The area mappers map their own commands, replies,
 * events and states and call here for what is inside them.
 */
final class SharedShapesMapper {
    private SharedShapesMapper() {
    }

    // --- identifiers, keys, epochs ---

    static ByteString bytes(ObjectId id) {
        return ByteString.copyFrom(id.bytes());
    }

    static ObjectId objectId(ByteString bytes) {
        return ObjectId.of(bytes.toByteArray());
    }

    static List<String> values(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::value).toList();
    }

    static List<NodeId> nodeIds(List<String> values) {
        return values.stream().map(NodeId::new).toList();
    }

    static ByteString bytes(Ed25519PublicKey key) {
        return ByteString.copyFrom(key.bytes());
    }

    static Ed25519PublicKey publicKey(ByteString bytes) {
        return Ed25519PublicKey.of(bytes.toByteArray());
    }

    /** A {@code tls_fingerprint} field: empty bytes for a plain-HTTP node. */
    static ByteString bytes(Optional<TlsFingerprint> fingerprint) {
        return fingerprint.map(f -> ByteString.copyFrom(f.bytes())).orElse(ByteString.EMPTY);
    }

    static Optional<TlsFingerprint> tlsFingerprint(ByteString bytes) {
        return bytes.isEmpty() ? Optional.empty() : Optional.of(TlsFingerprint.of(bytes.toByteArray()));
    }

    /** An {@code optional int32} epoch field: {@code present} is its {@code has...()}. */
    static Optional<Epoch> epoch(boolean present, int value) {
        return present ? Optional.of(new Epoch(value)) : Optional.empty();
    }

    // --- signed messages ---

    static FloeBlobProto.SignedMessage toProto(SignedMessage m) {
        return FloeBlobProto.SignedMessage.newBuilder()
                .setSerializedMessage(ByteString.copyFrom(m.serializedMessage()))
                .setSignature(ByteString.copyFrom(m.signature())).build();
    }

    static SignedMessage fromProto(FloeBlobProto.SignedMessage p) {
        return new SignedMessage(p.getSerializedMessage().toByteArray(), p.getSignature().toByteArray());
    }

    static FloeBlobProto.NodeConfirmation toProto(NodeConfirmation nc) {
        return FloeBlobProto.NodeConfirmation.newBuilder().setNodeId(nc.node().value())
                .setConfirmation(toProto(nc.confirmation())).build();
    }

    static NodeConfirmation fromProto(FloeBlobProto.NodeConfirmation p) {
        return new NodeConfirmation(new NodeId(p.getNodeId()), fromProto(p.getConfirmation()));
    }

    // --- blobs ---

    static FloeBlobProto.Registration toProto(Registration r) {
        FloeBlobProto.Registration.Builder b = FloeBlobProto.Registration.newBuilder()
                .setObjectId(bytes(r.objectId())).setOwner(r.owner()).setUnencodedLength(r.unencodedLength())
                .setEncodedLength(r.encodedLength()).setRegisteredEpoch(r.registeredEpoch().value())
                .setEndEpoch(r.endEpoch().value()).setDeletable(r.deletable()).setCost(r.cost());
        r.certifiedEpoch().ifPresent(e -> b.setCertifiedEpoch(e.value()));
        return ObjectShapesMapper.withDetails(b, r).build();
    }

    static Registration fromProto(FloeBlobProto.Registration p) {
        return ObjectShapesMapper.withDetails(new Registration(objectId(p.getObjectId()), p.getOwner(),
                p.getUnencodedLength(), p.getEncodedLength(), new Epoch(p.getRegisteredEpoch()),
                new Epoch(p.getEndEpoch()), p.getDeletable(), p.getCost(),
                epoch(p.hasCertifiedEpoch(), p.getCertifiedEpoch())), p);
    }

    static FloeBlobProto.BlobRecord toProto(BlobRecord r) {
        FloeBlobProto.BlobRecord.Builder b = FloeBlobProto.BlobRecord.newBuilder()
                .setBlobId(ByteString.copyFrom(r.blobId().bytes()));
        r.registrations().forEach(reg -> b.addRegistrations(toProto(reg)));
        return b.setInvalid(r.invalid()).build();
    }

    static BlobRecord fromProto(FloeBlobProto.BlobRecord p) {
        return new BlobRecord(BlobId.of(p.getBlobId().toByteArray()),
                p.getRegistrationsList().stream().map(SharedShapesMapper::fromProto).toList(), p.getInvalid());
    }

    // --- committees ---

    static FloeLedgerProto.StorageNodeInfo toProto(StorageNodeInfo n) {
        return FloeLedgerProto.StorageNodeInfo.newBuilder().setNodeId(n.id().value()).setStorageUrl(n.storageUrl())
                .setPublicKey(bytes(n.publicKey())).setStake(n.stake()).setTlsFingerprint(bytes(n.tlsFingerprint()))
                .build();
    }

    static StorageNodeInfo fromProto(FloeLedgerProto.StorageNodeInfo p) {
        return new StorageNodeInfo(new NodeId(p.getNodeId()), p.getStorageUrl(), publicKey(p.getPublicKey()),
                p.getStake(), tlsFingerprint(p.getTlsFingerprint()));
    }

    static FloeLedgerProto.Committee toProto(Committee c) {
        FloeLedgerProto.Committee.Builder b = FloeLedgerProto.Committee.newBuilder().setEpoch(c.epoch().value());
        c.members().forEach(m -> b.addMembers(toProto(m)));
        return b.addAllShardOwners(values(c.shardOwners())).build();
    }

    static Committee fromProto(FloeLedgerProto.Committee p) {
        return new Committee(new Epoch(p.getEpoch()),
                p.getMembersList().stream().map(SharedShapesMapper::fromProto).toList(),
                nodeIds(p.getShardOwnersList()));
    }
}
