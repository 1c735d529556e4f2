package io.floe.node.shard;

import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.index.ShardIndex;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the slivers of shards this node stores but no longer owns, once the epoch change that moved them away is
 * done. It looks at the epochs every {@link #POLL_EVERY} and, once per epoch, drops both sliver families of every
 * such shard.
 *
 * <p>Invariants: nothing is dropped while the current epoch's change is in progress
 * ({@link EpochState#EPOCH_CHANGE_SYNC}), since the new owner may still be pulling the shard from here and readers
 * still come here for it; a shard this node owns in the current committee is never dropped; nor is one whose
 * StorageShard entity still runs here (it is still served from here), which is retried at the next poll, so an epoch
 * counts as cleaned only once nothing is left.
 */
public final class MovedShardDropper {
    /** How often the epochs are looked at; dropping a few seconds after the change is done is soon enough. */
    public static final Duration POLL_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(MovedShardDropper.class);

    private final NodeId self;
    private final CommitteeView committees;
    private final SliverStore store;
    private final HostedShards hosted;
    /** The last epoch whose moved-away shards are all dropped; guarded by {@code this}. */
    private Epoch cleaned;

    public MovedShardDropper(NodeId self, CommitteeView committees, SliverStore store, HostedShards hosted) {
        this.self = self;
        this.committees = committees;
        this.store = store;
        this.hosted = hosted;
    }

    /** Polls every {@link #POLL_EVERY} on the blocking dispatcher (dropping a family deletes its files). */
    public static MovedShardDropper start(ActorSystem<?> system, NodeId self, CommitteeView committees,
                                          SliverStore store, HostedShards hosted) {
        MovedShardDropper dropper = new MovedShardDropper(self, committees, store, hosted);
        system.scheduler().scheduleWithFixedDelay(POLL_EVERY, POLL_EVERY, dropper::pollQuietly,
                system.dispatchers().lookup(DispatcherSelector.blocking()));
        return dropper;
    }

    /** One look at the epochs: the shards it dropped now (none while a change is in progress). */
    public synchronized List<ShardIndex> poll() {
        Optional<EpochCommittees> view = committees.epochs();
        if (view.isEmpty() || view.get().state() == EpochState.EPOCH_CHANGE_SYNC
                || view.get().epoch().equals(cleaned)) {
            return List.of();
        }
        EpochCommittees epochs = view.get();
        List<ShardIndex> owned = epochs.current().shardsOf(self);
        List<ShardIndex> dropped = new ArrayList<>();
        List<ShardIndex> stillHere = new ArrayList<>();
        for (ShardIndex shard : store.shards()) {
            if (owned.contains(shard)) {
                continue;
            }
            if (hosted.contains(shard)) {
                stillHere.add(shard);
                continue;
            }
            store.dropShard(shard);
            dropped.add(shard);
        }
        if (!dropped.isEmpty()) {
            LOG.info("epoch {}'s change is done: dropped the slivers of shards {}, which node {} no longer owns",
                    epochs.epoch(), indices(dropped), self);
        }
        if (stillHere.isEmpty()) {
            cleaned = epochs.epoch();
        } else {
            LOG.debug("shards {} are no longer node {}'s but still run here; dropped once they have moved",
                    indices(stillHere), self);
        }
        return dropped;
    }

    private void pollQuietly() {
        if (store.isClosed()) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            // The next poll tries again; a failed drop leaves the family usable (StoreFamilies' invariant).
            LOG.warn("dropping moved-away shards of node {} failed: {}", self, e.toString());
        }
    }

    private static List<Integer> indices(List<ShardIndex> shards) {
        return shards.stream().map(ShardIndex::value).toList();
    }
}
