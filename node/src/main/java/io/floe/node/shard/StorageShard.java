package io.floe.node.shard;

import io.floe.actors.serialization.FloeMessage;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.NodeId;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Walrus shard, as a sharded entity whose ID is the shard index. The committee-driven allocation strategy starts
 * it on the node that owns the shard; while it runs there, that node's {@link HostedShards} lists the shard and the
 * node API accepts and serves the shard's slivers from the node's sliver store. Its state is the store, so it is not
 * event sourced.
 */
public final class StorageShard extends AbstractBehavior<StorageShard.Command> {

    /** Messages to a shard; they cross the cluster (Protobuf, {@link ShardMessagesMapper}). */
    public sealed interface Command extends FloeMessage permits Wake {
    }

    /** Starts the entity where the allocation strategy places it; sent periodically by each owner. */
    public record Wake() implements Command {
    }

    public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "StorageShard");

    private final ShardIndex shard;
    private final NodeId nodeId;
    private final HostedShards hosted;

    public static Behavior<Command> create(ShardIndex shard, NodeId nodeId, HostedShards hosted) {
        return Behaviors.setup(ctx -> new StorageShard(ctx, shard, nodeId, hosted));
    }

    private StorageShard(ActorContext<Command> ctx, ShardIndex shard, NodeId nodeId, HostedShards hosted) {
        super(ctx);
        this.shard = shard;
        this.nodeId = nodeId;
        this.hosted = hosted;
        hosted.add(shard);
        ctx.getLog().info("shard {} is served by {} now", shard.value(), nodeId);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wake.class, w -> this)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onStop() {
        hosted.remove(shard);
        getContext().getLog().info("shard {} stopped on {}", shard.value(), nodeId);
        return this;
    }
}
