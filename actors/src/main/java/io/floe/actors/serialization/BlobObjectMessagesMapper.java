package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.epoch;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;

import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.blob.ObjectCommands.ObjectChange;
import io.floe.actors.blob.ObjectCommands.ObjectCheck;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.proto.FloeBlobProto;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Protobuf mapping of the Blob entity's object commands, replies and events ({@link ObjectCommands}, issue 13) in
 * {@code floe_blob.proto}; the shapes inside them map in {@link ObjectShapesMapper} and {@link SharedShapesMapper}.
 */
public final class BlobObjectMessagesMapper implements MessageMapper {
    private final ActorRefResolver refs;

    public BlobObjectMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    @Override
    public List<Codec<?>> codecs() {
        return List.of(
                Codec.of(ObjectCommands.ApplyRequest.class, "blob.ApplyRequest.v1", this::toProto,
                        FloeBlobProto.ApplyRequest.parser(), this::fromProto),
                Codec.of(ObjectCommands.CheckRequest.class, "blob.CheckRequest.v1", this::toProto,
                        FloeBlobProto.CheckRequest.parser(), this::fromProto),
                Codec.of(ObjectCheck.class, "blob.ObjectCheck.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.ObjectCheck.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectChange.class, "blob.ObjectChange.v1", ObjectShapesMapper::toProto,
                        FloeBlobProto.ObjectChange.parser(), ObjectShapesMapper::fromProto),
                Codec.of(ObjectCommands.Extended.class, "blob.Extended.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.Extended.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.Deleted.class, "blob.Deleted.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.Deleted.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.Burned.class, "blob.Burned.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.Burned.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.Shared.class, "blob.Shared.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.Shared.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.AttributesChanged.class, "blob.AttributesChanged.v1",
                        BlobObjectMessagesMapper::toProto, FloeBlobProto.AttributesChanged.parser(),
                        BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.OwnerChanged.class, "blob.OwnerChanged.v1", BlobObjectMessagesMapper::toProto,
                        FloeBlobProto.OwnerChanged.parser(), BlobObjectMessagesMapper::fromProto),
                Codec.of(ObjectCommands.RequestAnswered.class, "blob.RequestAnswered.v1",
                        BlobObjectMessagesMapper::toProto, FloeBlobProto.RequestAnswered.parser(),
                        BlobObjectMessagesMapper::fromProto));
    }

    // --- commands ---

    public FloeBlobProto.ApplyRequest toProto(ObjectCommands.ApplyRequest c) {
        FloeBlobProto.ApplyRequest.Builder b = FloeBlobProto.ApplyRequest.newBuilder()
                .setRequest(ObjectShapesMapper.toProto(c.request())).setPaid(c.paid())
                .setReplyTo(refs.toSerializationFormat(c.replyTo()));
        c.pricedEnd().ifPresent(e -> b.setPricedEnd(e.value()));
        return b.build();
    }

    public ObjectCommands.ApplyRequest fromProto(FloeBlobProto.ApplyRequest p) {
        return new ObjectCommands.ApplyRequest(ObjectShapesMapper.fromProto(p.getRequest()), p.getPaid(),
                p.hasPricedEnd() ? java.util.Optional.of(new io.floe.protocol.committee.Epoch(p.getPricedEnd()))
                        : java.util.Optional.empty(),
                refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeBlobProto.CheckRequest toProto(ObjectCommands.CheckRequest c) {
        return FloeBlobProto.CheckRequest.newBuilder().setRequest(ObjectShapesMapper.toProto(c.request()))
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public ObjectCommands.CheckRequest fromProto(FloeBlobProto.CheckRequest p) {
        return new ObjectCommands.CheckRequest(ObjectShapesMapper.fromProto(p.getRequest()),
                refs.resolveActorRef(p.getReplyTo()));
    }

    // --- replies ---

    static FloeBlobProto.ObjectCheck toProto(ObjectCheck r) {
        return FloeBlobProto.ObjectCheck.newBuilder().setRegistration(SharedShapesMapper.toProto(r.registration()))
                .setEpoch(r.epoch().value()).build();
    }

    static ObjectCheck fromProto(FloeBlobProto.ObjectCheck p) {
        return new ObjectCheck(SharedShapesMapper.fromProto(p.getRegistration()), new Epoch(p.getEpoch()));
    }

    // --- events ---

    static FloeBlobProto.Extended toProto(ObjectCommands.Extended e) {
        return FloeBlobProto.Extended.newBuilder().setObjectId(bytes(e.objectId())).setNewEnd(e.newEnd().value())
                .setKey(e.key()).build();
    }

    static ObjectCommands.Extended fromProto(FloeBlobProto.Extended p) {
        return new ObjectCommands.Extended(objectId(p.getObjectId()), new Epoch(p.getNewEnd()), p.getKey());
    }

    static FloeBlobProto.Deleted toProto(ObjectCommands.Deleted e) {
        FloeBlobProto.Deleted.Builder b = FloeBlobProto.Deleted.newBuilder().setObjectId(bytes(e.objectId()))
                .setKey(e.key());
        e.keptUntil().ifPresent(k -> b.setKeptUntil(k.value()));
        return b.build();
    }

    static ObjectCommands.Deleted fromProto(FloeBlobProto.Deleted p) {
        return new ObjectCommands.Deleted(objectId(p.getObjectId()), epoch(p.hasKeptUntil(), p.getKeptUntil()),
                p.getKey());
    }

    static FloeBlobProto.Burned toProto(ObjectCommands.Burned e) {
        FloeBlobProto.Burned.Builder b = FloeBlobProto.Burned.newBuilder().setKey(e.key());
        e.objectIds().forEach(id -> b.addObjectIds(bytes(id)));
        return b.build();
    }

    static ObjectCommands.Burned fromProto(FloeBlobProto.Burned p) {
        return new ObjectCommands.Burned(p.getObjectIdsList().stream().map(SharedShapesMapper::objectId).toList(),
                p.getKey());
    }

    static FloeBlobProto.Shared toProto(ObjectCommands.Shared e) {
        return FloeBlobProto.Shared.newBuilder().setObjectId(bytes(e.objectId())).setKey(e.key()).build();
    }

    static ObjectCommands.Shared fromProto(FloeBlobProto.Shared p) {
        return new ObjectCommands.Shared(objectId(p.getObjectId()), p.getKey());
    }

    static FloeBlobProto.AttributesChanged toProto(ObjectCommands.AttributesChanged e) {
        return FloeBlobProto.AttributesChanged.newBuilder().setObjectId(bytes(e.objectId()))
                .putAllAttributes(e.attributes()).setKey(e.key()).build();
    }

    static ObjectCommands.AttributesChanged fromProto(FloeBlobProto.AttributesChanged p) {
        return new ObjectCommands.AttributesChanged(objectId(p.getObjectId()), p.getAttributesMap(), p.getKey());
    }

    static FloeBlobProto.OwnerChanged toProto(ObjectCommands.OwnerChanged e) {
        return FloeBlobProto.OwnerChanged.newBuilder().setObjectId(bytes(e.objectId())).setOwner(e.owner())
                .setKey(e.key()).build();
    }

    static ObjectCommands.OwnerChanged fromProto(FloeBlobProto.OwnerChanged p) {
        return new ObjectCommands.OwnerChanged(objectId(p.getObjectId()), p.getOwner(), p.getKey());
    }

    static FloeBlobProto.RequestAnswered toProto(ObjectCommands.RequestAnswered e) {
        return FloeBlobProto.RequestAnswered.newBuilder().setKey(e.key())
                .setRequestDigest(ObjectShapesMapper.digest(e.requestDigest()))
                .setExpiresAtMillis(e.expiresAtMillis()).setAtMillis(e.atMillis())
                .setAnswer(ObjectShapesMapper.toProto(e.answer())).build();
    }

    static ObjectCommands.RequestAnswered fromProto(FloeBlobProto.RequestAnswered p) {
        return new ObjectCommands.RequestAnswered(p.getKey(), ObjectShapesMapper.digest(p.getRequestDigest()),
                p.getExpiresAtMillis(), p.getAtMillis(), ObjectShapesMapper.fromProto(p.getAnswer()));
    }
}
