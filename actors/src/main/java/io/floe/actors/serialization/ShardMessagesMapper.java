package io.floe.actors.serialization;

import io.floe.actors.shard.StorageShard;
import io.floe.protocol.proto.FloeShardProto;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRefResolver;

/** Protobuf mapping of the StorageShard entity's messages ({@code floe_shard.proto}). */
public final class ShardMessagesMapper {
    private final ActorRefResolver refs;

    public ShardMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    List<Codec<?>> codecs() {
        return List.of(
                Codec.of(StorageShard.Wake.class, "shard.Wake.v1", w -> FloeShardProto.Wake.getDefaultInstance(),
                        FloeShardProto.Wake.parser(), p -> new StorageShard.Wake()),
                Codec.of(StorageShard.GetShardStatus.class, "shard.GetShardStatus.v1", this::toProto,
                        FloeShardProto.GetShardStatus.parser(), this::fromProto),
                Codec.of(StorageShard.ShardStatus.class, "shard.ShardStatus.v1", ShardMessagesMapper::toProto,
                        FloeShardProto.ShardStatus.parser(), ShardMessagesMapper::fromProto));
    }

    public FloeShardProto.GetShardStatus toProto(StorageShard.GetShardStatus m) {
        return FloeShardProto.GetShardStatus.newBuilder().setReplyTo(refs.toSerializationFormat(m.replyTo())).build();
    }

    public StorageShard.GetShardStatus fromProto(FloeShardProto.GetShardStatus p) {
        return new StorageShard.GetShardStatus(refs.resolveActorRef(p.getReplyTo()));
    }

    public static FloeShardProto.ShardStatus toProto(StorageShard.ShardStatus m) {
        return FloeShardProto.ShardStatus.newBuilder().setShard(m.shard()).setNodeId(m.nodeId())
                .setPrimarySlivers(m.primarySlivers()).setSecondarySlivers(m.secondarySlivers()).build();
    }

    public static StorageShard.ShardStatus fromProto(FloeShardProto.ShardStatus p) {
        return new StorageShard.ShardStatus(p.getShard(), p.getNodeId(), p.getPrimarySlivers(), p.getSecondarySlivers());
    }
}
