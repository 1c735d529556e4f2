package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;

import com.google.protobuf.ByteString;
import io.floe.actors.blob.ObjectCommands.ObjectChange;
import io.floe.actors.blob.ObjectMemory;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeBlobProto;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Protobuf mapping of the blob-object shapes (issue 13) that several Blob messages carry: a registration's object
 * details, storage resources, signed client requests, a request's answer.
 *
 * <p>Invariant: a registration without a {@code storage} field (written before blob objects had details) reads back
 * exactly as {@link Registration}'s 9-argument constructor makes it; one with it reads back with every detail.
 */
final class ObjectShapesMapper {
    private ObjectShapesMapper() {
    }

    /** Adds {@code r}'s object details to a registration being written. */
    static FloeBlobProto.Registration.Builder withDetails(FloeBlobProto.Registration.Builder b, Registration r) {
        return b.setStorage(toProto(r.storage())).setShared(r.shared()).setBurned(r.burned())
                .putAllAttributes(r.attributes());
    }

    /** {@code base} (as the 9-argument constructor made it from {@code p}) with {@code p}'s details, if it has them. */
    static Registration withDetails(Registration base, FloeBlobProto.Registration p) {
        if (!p.hasStorage()) {
            return base;
        }
        return base.withObject(new Registration.ObjectDetails(fromProto(p.getStorage()), p.getShared(), p.getBurned(),
                p.getAttributesMap()));
    }

    static FloeBlobProto.StorageResource toProto(StorageResource s) {
        return FloeBlobProto.StorageResource.newBuilder().setId(bytes(s.id())).setStartEpoch(s.start().value())
                .setEndEpoch(s.end().value()).setSize(s.size()).build();
    }

    static StorageResource fromProto(FloeBlobProto.StorageResource p) {
        return new StorageResource(objectId(p.getId()), new Epoch(p.getStartEpoch()), new Epoch(p.getEndEpoch()),
                p.getSize());
    }

    static FloeBlobProto.SignedClientRequest toProto(SignedRequest r) {
        return FloeBlobProto.SignedClientRequest.newBuilder().setRequest(ByteString.copyFrom(r.request()))
                .setPublicKey(ByteString.copyFrom(r.publicKey().bytes()))
                .setSignature(ByteString.copyFrom(r.signature())).build();
    }

    static SignedRequest fromProto(FloeBlobProto.SignedClientRequest p) {
        return new SignedRequest(p.getRequest().toByteArray(), Ed25519PublicKey.of(p.getPublicKey().toByteArray()),
                p.getSignature().toByteArray());
    }

    static FloeBlobProto.ObjectChange toProto(ObjectChange c) {
        FloeBlobProto.ObjectChange.Builder b = FloeBlobProto.ObjectChange.newBuilder().setKey(c.key());
        c.after().forEach(r -> b.addAfter(SharedShapesMapper.toProto(r)));
        c.released().ifPresent(s -> b.setReleased(toProto(s)));
        return b.build();
    }

    static ObjectChange fromProto(FloeBlobProto.ObjectChange p) {
        return new ObjectChange(p.getKey(), p.getAfterList().stream().map(SharedShapesMapper::fromProto).toList(),
                p.hasReleased() ? Optional.of(fromProto(p.getReleased())) : Optional.empty());
    }

    static FloeBlobProto.AnsweredRequest toProto(String key, ObjectMemory.Answered a) {
        return FloeBlobProto.AnsweredRequest.newBuilder().setKey(key).setRequestDigest(digest(a.requestDigest()))
                .setExpiresAtMillis(a.expiresAtMillis()).setAnswer(toProto(a.answer())).build();
    }

    static ObjectMemory.Answered fromProto(FloeBlobProto.AnsweredRequest p) {
        return new ObjectMemory.Answered(digest(p.getRequestDigest()), p.getExpiresAtMillis(),
                fromProto(p.getAnswer()));
    }

    static ByteString digest(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static String digest(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
