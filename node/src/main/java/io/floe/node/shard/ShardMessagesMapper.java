package io.floe.node.shard;

import io.floe.actors.serialization.Codec;
import io.floe.actors.serialization.MessageMapper;
import io.floe.protocol.proto.FloeShardProto;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRefResolver;

/** Protobuf mapping of the StorageShard entity's messages ({@code floe_shard.proto}); listed in reference.conf. */
public final class ShardMessagesMapper implements MessageMapper {
    /** @param refs unused until a shard message carries an ActorRef; the serializer passes it to every mapper */
    public ShardMessagesMapper(ActorRefResolver refs) {
    }

    @Override
    public List<Codec<?>> codecs() {
        return List.of(Codec.of(StorageShard.Wake.class, "shard.Wake.v1", w -> FloeShardProto.Wake.getDefaultInstance(),
                FloeShardProto.Wake.parser(), p -> new StorageShard.Wake()));
    }
}
