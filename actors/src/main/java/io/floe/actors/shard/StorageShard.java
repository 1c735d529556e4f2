package io.floe.actors.shard;

import io.floe.actors.serialization.FloeMessage;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.persistence.sliver.SliverStore;
import org.apache.pekko.actor.typed.ActorRef;
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
 * node API accepts and serves the shard's slivers from the node's {@link SliverStore}. Its state is the store, so
 * it is not event sourced.
 */
public final class StorageShard extends AbstractBehavior<StorageShard.Command> {

    /** Messages to a shard; they cross the cluster (Protobuf). */
    public sealed interface Command extends FloeMessage permits Wake, GetShardStatus {
    }

    /** Starts the entity where the allocation strategy places it; sent periodically by each owner. */
    public record Wake() implements Command {
    }

    /** Asks for the shard's holder and sliver counts. */
    public record GetShardStatus(ActorRef<ShardStatus> replyTo) implements Command {
    }

    /** Where a shard runs and roughly how many slivers it holds (RocksDB estimates). */
    public record ShardStatus(int shard, String nodeId, long primarySlivers, long secondarySlivers) implements FloeMessage {
    }

    public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "StorageShard");

    private final ShardIndex shard;
    private final String nodeId;
    private final HostedShards hosted;
    private final SliverStore store;

    public static Behavior<Command> create(ShardIndex shard, String nodeId, HostedShards hosted, SliverStore store) {
        return Behaviors.setup(ctx -> new StorageShard(ctx, shard, nodeId, hosted, store));
    }

    private StorageShard(ActorContext<Command> ctx, ShardIndex shard, String nodeId, HostedShards hosted,
                         SliverStore store) {
        super(ctx);
        this.shard = shard;
        this.nodeId = nodeId;
        this.hosted = hosted;
        this.store = store;
        hosted.add(shard);
        ctx.getLog().info("shard {} is served by {} now", shard.value(), nodeId);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wake.class, w -> this)
                .onMessage(GetShardStatus.class, this::onStatus)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onStatus(GetShardStatus cmd) {
        cmd.replyTo().tell(new ShardStatus(shard.value(), nodeId, store.sliverCount(shard, SliverType.PRIMARY),
                store.sliverCount(shard, SliverType.SECONDARY)));
        return this;
    }

    private Behavior<Command> onStop() {
        hosted.remove(shard);
        getContext().getLog().info("shard {} stopped on {}", shard.value(), nodeId);
        return this;
    }
}
