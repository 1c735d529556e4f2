package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.epoch;
import static io.floe.actors.serialization.SharedShapesMapper.nodeIds;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;
import static io.floe.actors.serialization.SharedShapesMapper.values;

import io.floe.actors.blob.BlobEntity.CertifyReply;
import io.floe.actors.blob.BlobEntity.MarkInvalidReply;
import io.floe.actors.blob.BlobEntity.RegisterReply;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectMemory;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.proto.FloeBlobProto;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Protobuf mapping of the Blob entity's commands, replies, events and state ({@code floe_blob.proto}); the protocol
 * shapes inside them map in {@link SharedShapesMapper}. ActorRefs travel as {@link ActorRefResolver} strings.
 */
public final class BlobMessagesMapper implements MessageMapper {
    private final ActorRefResolver refs;

    public BlobMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    @Override
    public List<Codec<?>> codecs() {
        List<Codec<?>> all = new ArrayList<>();
        all.addAll(commandCodecs());
        all.addAll(replyCodecs());
        all.addAll(eventAndStateCodecs());
        return all;
    }

    private List<Codec<?>> commandCodecs() {
        return List.of(
                Codec.of(BlobEntity.Register.class, "blob.Register.v1", this::toProto,
                        FloeBlobProto.Register.parser(), this::fromProto),
                Codec.of(BlobEntity.Certify.class, "blob.Certify.v1", this::toProto,
                        FloeBlobProto.Certify.parser(), this::fromProto),
                Codec.of(BlobEntity.GetStatus.class, "blob.GetStatus.v1", this::toProto,
                        FloeBlobProto.GetStatus.parser(), this::fromProto),
                Codec.of(BlobEntity.MarkInvalid.class, "blob.MarkInvalid.v1", this::toProto,
                        FloeBlobProto.MarkInvalid.parser(), this::fromProto));
    }

    private List<Codec<?>> replyCodecs() {
        return List.of(
                Codec.of(RegisterReply.class, "blob.RegisterAccepted.v1", this::toProto,
                        FloeBlobProto.RegisterAccepted.parser(), this::fromProto),
                Codec.of(CertifyReply.Certified.class, "blob.CertifyCertified.v1", this::toProto,
                        FloeBlobProto.CertifyCertified.parser(), this::fromProto),
                Codec.of(MarkInvalidReply.Marked.class, "blob.MarkInvalidMarked.v1", this::toProto,
                        FloeBlobProto.MarkInvalidMarked.parser(), this::fromProto),
                Codec.of(BlobEntity.NotEnough.class, "blob.NotEnough.v1", this::toProto,
                        FloeBlobProto.NotEnough.parser(), this::fromProto),
                Codec.of(BlobEntity.Unavailable.class, "blob.Unavailable.v1", this::toProto,
                        FloeBlobProto.Unavailable.parser(), this::fromProto));
    }

    private List<Codec<?>> eventAndStateCodecs() {
        return List.of(
                Codec.of(BlobEntity.Registered.class, "blob.Registered.v1", this::toProto,
                        FloeBlobProto.Registered.parser(), this::fromProto),
                Codec.of(BlobEntity.SliverPairsAttested.class, "blob.SliverPairsAttested.v1", this::toProto,
                        FloeBlobProto.SliverPairsAttested.parser(), this::fromProto),
                Codec.of(BlobEntity.Certified.class, "blob.Certified.v1", this::toProto,
                        FloeBlobProto.Certified.parser(), this::fromProto),
                Codec.of(BlobEntity.MarkedInvalid.class, "blob.MarkedInvalid.v1", this::toProto,
                        FloeBlobProto.MarkedInvalid.parser(), this::fromProto),
                Codec.of(BlobEntity.State.class, "blob.State.v1", this::toProto,
                        FloeBlobProto.BlobState.parser(), this::fromProto),
                Codec.of(BlobRecord.class, "blob.BlobRecord.v1", SharedShapesMapper::toProto,
                        FloeBlobProto.BlobRecord.parser(), SharedShapesMapper::fromProto));
    }

    // --- commands ---

    public FloeBlobProto.Register toProto(BlobEntity.Register c) {
        return FloeBlobProto.Register.newBuilder().setRegistration(SharedShapesMapper.toProto(c.registration()))
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public BlobEntity.Register fromProto(FloeBlobProto.Register p) {
        return new BlobEntity.Register(SharedShapesMapper.fromProto(p.getRegistration()),
                refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeBlobProto.Certify toProto(BlobEntity.Certify c) {
        FloeBlobProto.Certify.Builder b = FloeBlobProto.Certify.newBuilder().setObjectId(bytes(c.objectId()))
                .setReplyTo(refs.toSerializationFormat(c.replyTo()));
        c.confirmations().forEach(nc -> b.addConfirmations(SharedShapesMapper.toProto(nc)));
        return b.build();
    }

    public BlobEntity.Certify fromProto(FloeBlobProto.Certify p) {
        return new BlobEntity.Certify(objectId(p.getObjectId()), confirmations(p.getConfirmationsList()),
                refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeBlobProto.GetStatus toProto(BlobEntity.GetStatus c) {
        return FloeBlobProto.GetStatus.newBuilder().setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public BlobEntity.GetStatus fromProto(FloeBlobProto.GetStatus p) {
        return new BlobEntity.GetStatus(refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeBlobProto.MarkInvalid toProto(BlobEntity.MarkInvalid c) {
        FloeBlobProto.MarkInvalid.Builder b = FloeBlobProto.MarkInvalid.newBuilder()
                .setReplyTo(refs.toSerializationFormat(c.replyTo()));
        c.signatures().forEach(nc -> b.addSignatures(SharedShapesMapper.toProto(nc)));
        return b.build();
    }

    public BlobEntity.MarkInvalid fromProto(FloeBlobProto.MarkInvalid p) {
        return new BlobEntity.MarkInvalid(confirmations(p.getSignaturesList()), refs.resolveActorRef(p.getReplyTo()));
    }

    // --- replies ---

    public FloeBlobProto.RegisterAccepted toProto(RegisterReply r) {
        return FloeBlobProto.RegisterAccepted.newBuilder().setRegistration(SharedShapesMapper.toProto(r.registration()))
                .setCreated(r.created()).build();
    }

    public RegisterReply fromProto(FloeBlobProto.RegisterAccepted p) {
        return new RegisterReply(SharedShapesMapper.fromProto(p.getRegistration()), p.getCreated());
    }

    public FloeBlobProto.CertifyCertified toProto(CertifyReply.Certified r) {
        return FloeBlobProto.CertifyCertified.newBuilder().setBlob(SharedShapesMapper.toProto(r.blob())).build();
    }

    public CertifyReply.Certified fromProto(FloeBlobProto.CertifyCertified p) {
        return new CertifyReply.Certified(SharedShapesMapper.fromProto(p.getBlob()));
    }

    public FloeBlobProto.MarkInvalidMarked toProto(MarkInvalidReply.Marked r) {
        return FloeBlobProto.MarkInvalidMarked.newBuilder().setBlob(SharedShapesMapper.toProto(r.blob())).build();
    }

    public MarkInvalidReply.Marked fromProto(FloeBlobProto.MarkInvalidMarked p) {
        return new MarkInvalidReply.Marked(SharedShapesMapper.fromProto(p.getBlob()));
    }

    public FloeBlobProto.NotEnough toProto(BlobEntity.NotEnough r) {
        return FloeBlobProto.NotEnough.newBuilder().setWeight(r.weight()).setNShards(r.nShards())
                .setInvalidCount(r.invalidCount()).build();
    }

    public BlobEntity.NotEnough fromProto(FloeBlobProto.NotEnough p) {
        return new BlobEntity.NotEnough(p.getWeight(), p.getNShards(), p.getInvalidCount());
    }

    public FloeBlobProto.Unavailable toProto(BlobEntity.Unavailable r) {
        return FloeBlobProto.Unavailable.newBuilder().setReason(r.reason()).build();
    }

    public BlobEntity.Unavailable fromProto(FloeBlobProto.Unavailable p) {
        return new BlobEntity.Unavailable(p.getReason());
    }

    // --- events ---

    public FloeBlobProto.Registered toProto(BlobEntity.Registered e) {
        return FloeBlobProto.Registered.newBuilder().setRegistration(SharedShapesMapper.toProto(e.registration()))
                .build();
    }

    public BlobEntity.Registered fromProto(FloeBlobProto.Registered p) {
        return new BlobEntity.Registered(SharedShapesMapper.fromProto(p.getRegistration()));
    }

    public FloeBlobProto.SliverPairsAttested toProto(BlobEntity.SliverPairsAttested e) {
        return FloeBlobProto.SliverPairsAttested.newBuilder().setObjectId(bytes(e.objectId()))
                .setNodeId(e.node().value()).setConfirmation(SharedShapesMapper.toProto(e.confirmation())).build();
    }

    public BlobEntity.SliverPairsAttested fromProto(FloeBlobProto.SliverPairsAttested p) {
        return new BlobEntity.SliverPairsAttested(objectId(p.getObjectId()), new NodeId(p.getNodeId()),
                SharedShapesMapper.fromProto(p.getConfirmation()));
    }

    public FloeBlobProto.Certified toProto(BlobEntity.Certified e) {
        return FloeBlobProto.Certified.newBuilder().setObjectId(bytes(e.objectId())).setEpoch(e.epoch().value())
                .addAllSigners(values(e.signers())).build();
    }

    public BlobEntity.Certified fromProto(FloeBlobProto.Certified p) {
        return new BlobEntity.Certified(objectId(p.getObjectId()), new Epoch(p.getEpoch()),
                nodeIds(p.getSignersList()));
    }

    public FloeBlobProto.MarkedInvalid toProto(BlobEntity.MarkedInvalid e) {
        return FloeBlobProto.MarkedInvalid.newBuilder().setEpoch(e.epoch().value())
                .addAllSigners(values(e.signers())).build();
    }

    public BlobEntity.MarkedInvalid fromProto(FloeBlobProto.MarkedInvalid p) {
        return new BlobEntity.MarkedInvalid(new Epoch(p.getEpoch()), nodeIds(p.getSignersList()));
    }

    // --- state ---

    public FloeBlobProto.BlobState toProto(BlobEntity.State s) {
        FloeBlobProto.BlobState.Builder b = FloeBlobProto.BlobState.newBuilder();
        s.registrations().forEach(r -> b.addRegistrations(SharedShapesMapper.toProto(r)));
        s.attestations().forEach((objectId, byNode) -> byNode.forEach((node, message) -> b.addAttestations(
                FloeBlobProto.Attestation.newBuilder().setObjectId(bytes(objectId)).setNodeId(node.value())
                        .setConfirmation(SharedShapesMapper.toProto(message)))));
        s.invalidEpoch().ifPresent(e -> b.setInvalidEpoch(e.value()));
        s.objects().deleted().forEach(id -> b.addDeletedObjectIds(bytes(id)));
        s.objects().answered().forEach((key, answer) -> b.addAnswered(ObjectShapesMapper.toProto(key, answer)));
        return b.build();
    }

    public BlobEntity.State fromProto(FloeBlobProto.BlobState p) {
        List<Registration> registrations = p.getRegistrationsList().stream().map(SharedShapesMapper::fromProto)
                .toList();
        Map<ObjectId, Map<NodeId, SignedMessage>> attestations = new LinkedHashMap<>();
        for (FloeBlobProto.Attestation a : p.getAttestationsList()) {
            attestations.computeIfAbsent(objectId(a.getObjectId()), id -> new LinkedHashMap<>())
                    .put(new NodeId(a.getNodeId()), SharedShapesMapper.fromProto(a.getConfirmation()));
        }
        Map<String, ObjectMemory.Answered> answered = new LinkedHashMap<>();
        p.getAnsweredList().forEach(a -> answered.put(a.getKey(), ObjectShapesMapper.fromProto(a)));
        ObjectMemory objects = new ObjectMemory(
                new LinkedHashSet<>(p.getDeletedObjectIdsList().stream().map(SharedShapesMapper::objectId).toList()),
                answered);
        return new BlobEntity.State(registrations, attestations, epoch(p.hasInvalidEpoch(), p.getInvalidEpoch()),
                objects);
    }

    private static List<NodeConfirmation> confirmations(List<FloeBlobProto.NodeConfirmation> protos) {
        return protos.stream().map(SharedShapesMapper::fromProto).toList();
    }
}
