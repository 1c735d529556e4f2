package io.floe.node.shard;

import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.dispatch.Futures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Places Pekko shard {@code "k"} (the StorageShard entity of Walrus shard {@code k}) on the cluster member whose
 * storage node holds shard {@code k} ({@link EpochCommittees#holderOf}: its owner in the current committee once that
 * owner has synced it, its previous owner until then). Members name their node with the role
 * {@link NodeRoles#roleFor(NodeId)}.
 *
 * <p>Use: {@code Entity.of(key, ctx -> ...).withAllocationStrategy(new CommitteeShardAllocationStrategy(system,
 * () -> committeeView.epochs().orElse(null))).withMessageExtractor(new ShardIndexMessageExtractor<>())}.
 *
 * <p>Invariant: a shard is only ever placed on its holder. When the holder has no region (node down or still
 * starting), when no committee is known yet, or when the shard ID is not an index in {@code [0, n)}, the
 * allocation future fails with a {@link ShardAllocationException}. Pekko 1.2.1's coordinator then logs the
 * failure at ERROR, answers nothing, and the requesting region keeps the shard's messages buffered (up to
 * {@code pekko.cluster.sharding.buffer-size}) and asks again every {@code retry-interval} (2 s by default). Each
 * rebalance tick hands back shards hosted off their holder once the holder's region exists: in an epoch change, at
 * the first tick after the new owner reported its sync done; the coordinator then reallocates them here, to the new
 * holder. Calls never throw: the coordinator actor would restart.
 */
public final class CommitteeShardAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(CommitteeShardAllocationStrategy.class);

    private final Cluster cluster;
    private final Supplier<EpochCommittees> epochs;

    /**
     * @param epochs the epochs' committees and who has synced; may return null until the ledger is known, and is
     *               read afresh at every decision, so an epoch change or a sync report takes effect at the next one
     */
    public CommitteeShardAllocationStrategy(ActorSystem<?> system, Supplier<EpochCommittees> epochs) {
        this.cluster = Cluster.get(system);
        this.epochs = Objects.requireNonNull(epochs, "epochs");
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                          Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
        try {
            ActorRef region = ShardAllocationDecider.allocate(epochs.get(), shardId,
                    regionNodes(currentShardAllocations.keySet()));
            LOG.debug("Shard {} goes to region {}", shardId, region);
            return Futures.successful(region);
        } catch (RuntimeException e) {
            LOG.debug("Shard {} not placed: {}", shardId, e.getMessage());
            return Futures.failed(e);
        }
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
                                         Set<String> rebalanceInProgress) {
        try {
            EpochCommittees view = epochs.get();
            Map<ActorRef, List<String>> allocations = new LinkedHashMap<>();
            currentShardAllocations.forEach((region, shards) -> allocations.put(region, CollectionConverters.asJava(shards)));
            Set<String> moves = ShardAllocationDecider.rebalance(view, allocations,
                    regionNodes(allocations.keySet()), rebalanceInProgress);
            if (!moves.isEmpty()) {
                LOG.info("Moving shards {} to their holders in epoch {} ({})", moves, view.epoch(),
                        view.state().walrusName());
            }
            return Futures.successful(moves);
        } catch (RuntimeException e) {
            LOG.warn("Rebalance skipped: {}", e.toString());
            return Futures.successful(Set.of());
        }
    }

    private Map<ActorRef, NodeId> regionNodes(Collection<ActorRef> regions) {
        Map<ActorRef, Address> addresses = new LinkedHashMap<>();
        regions.forEach(region -> addresses.put(region, region.path().address()));
        Map<Address, Set<String>> roles = new HashMap<>();
        for (Member member : cluster.state().getMembers()) {
            roles.put(member.address(), member.getRoles());
        }
        return ShardAllocationDecider.regionNodes(addresses, cluster.selfMember().address(), roles);
    }
}
