package io.floe.actors.serialization;

/**
 * Marks a class that crosses the cluster or lands in the journal: commands, replies, events and states of Floe's
 * actors. reference.conf binds it to {@link FloeSerializer}, so every implementing class must have a codec there
 * (Protobuf, a stable manifest); Java serialization stays off.
 */
public interface FloeMessage {
}
