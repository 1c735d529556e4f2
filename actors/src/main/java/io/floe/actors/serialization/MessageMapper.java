package io.floe.actors.serialization;

import java.util.List;

/**
 * One area's Protobuf mapping: the codecs of the messages it owns. {@link FloeSerializer} builds every mapper named
 * under {@code floe.serialization.mappers} (each module's reference.conf adds its own), so a module above
 * {@code actors} (the storage node's shard messages) brings its messages' wire forms without {@code actors} knowing
 * them. An implementation has a public constructor taking the system's {@code ActorRefResolver}.
 */
public interface MessageMapper {
    /** The codecs of this area; no manifest may appear in two mappers. */
    List<Codec<?>> codecs();
}
