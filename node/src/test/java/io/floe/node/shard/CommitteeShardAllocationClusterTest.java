package io.floe.node.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two cluster members in one JVM (Artery on 127.0.0.1, port 0), each a storage node by role, with the strategy
 * driving real Cluster Sharding: shards land on their owners, a shard whose owner is absent waits with its
 * message buffered until the owner joins, and an epoch change moves a shard once its new owner has synced it.
 */
class CommitteeShardAllocationClusterTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final EntityTypeKey<String> KEY = EntityTypeKey.create(String.class, "AllocationTestShard");
    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");

    private final List<ActorTestKit> kits = new ArrayList<>();
    /** Entity ID to the node that last started it; entities record themselves here (same JVM). */
    private final Map<String, NodeId> hostOf = new ConcurrentHashMap<>();
    private final AtomicReference<EpochCommittees> epochs = new AtomicReference<>(
            EpochCommittees.genesis(committee(Epoch.GENESIS, A, A, B, B), Instant.EPOCH, Duration.ofDays(1)));

    @AfterEach
    void shutDown() {
        for (int i = kits.size() - 1; i >= 0; i--) {
            kits.get(i).shutdownTestKit();
        }
    }

    @Test
    void placesShardsOnOwnersAndWaitsForAnAbsentOwner() {
        ActorSystem<Void> a = startNode(A);
        join(a, a);
        awaitUp(a, 1);
        ClusterSharding shardingA = ClusterSharding.get(a);

        shardingA.entityRefFor(KEY, "0").tell("ping");
        shardingA.entityRefFor(KEY, "2").tell("ping"); // owner b is not in the cluster yet
        awaitHost("0", A, a);
        assertNull(hostOf.get("2"), "shard 2 must not start anywhere but on b");

        ActorSystem<Void> b = startNode(B);
        join(b, a);
        awaitUp(a, 2);
        awaitHost("2", B, a); // the buffered message, delivered once b's region registered

        ClusterSharding.get(b).entityRefFor(KEY, "1").tell("ping");
        shardingA.entityRefFor(KEY, "3").tell("ping");
        awaitHost("1", A, a);
        awaitHost("3", B, a);
    }

    @Test
    void movesShardOnceItsNewOwnerHasSynced() {
        ActorSystem<Void> a = startNode(A);
        join(a, a);
        ActorSystem<Void> b = startNode(B);
        join(b, a);
        awaitUp(a, 2);
        ClusterSharding.get(a).entityRefFor(KEY, "0").tell("ping");
        awaitHost("0", A, a);

        epochs.set(secondEpoch(Set.of()));
        // Several rebalance ticks (500 ms) pass: b owns shard 0 now but has not synced it, so it stays on a.
        TestProbe<Void> probe = TestProbe.create(a);
        probe.expectNoMessage(Duration.ofMillis(1500));
        ClusterSharding.get(a).entityRefFor(KEY, "0").tell("ping");
        probe.expectNoMessage(Duration.ofMillis(300));
        assertEquals(A, hostOf.get("0"), "shard 0 moved before its new owner synced it");

        epochs.set(secondEpoch(Set.of(B)));
        // The entity on a is stopped at hand-off; the next message starts it on b.
        probe.awaitAssert(WITHIN, Duration.ofMillis(200), () -> {
            ClusterSharding.get(a).entityRefFor(KEY, "0").tell("ping");
            assertEquals(B, hostOf.get("0"));
            return null;
        });
    }

    private ActorSystem<Void> startNode(NodeId node) {
        ActorTestKit kit = ActorTestKit.create("floe", config(node));
        kits.add(kit);
        ActorSystem<Void> system = kit.system();
        ClusterSharding.get(system).init(Entity.of(KEY, ctx -> Behaviors.setup(c -> {
                    hostOf.put(ctx.getEntityId(), node);
                    return Behaviors.<String>receiveMessage(msg -> Behaviors.same());
                }))
                .withMessageExtractor(new ShardIndexMessageExtractor<>())
                .withAllocationStrategy(new CommitteeShardAllocationStrategy(system, epochs::get)));
        return system;
    }

    private static void join(ActorSystem<?> joining, ActorSystem<?> seed) {
        Address seedAddress = Cluster.get(seed).selfMember().address();
        Cluster.get(joining).manager().tell(Join.create(seedAddress));
    }

    private static void awaitUp(ActorSystem<?> system, int members) {
        TestProbe<Void> probe = TestProbe.create(system);
        probe.awaitAssert(WITHIN, Duration.ofMillis(100), () -> {
            long up = 0;
            for (var m : Cluster.get(system).state().getMembers()) {
                if (m.status() == MemberStatus.up()) {
                    up++;
                }
            }
            assertEquals(members, up);
            return null;
        });
    }

    private void awaitHost(String entityId, NodeId expected, ActorSystem<?> system) {
        TestProbe<Void> probe = TestProbe.create(system);
        probe.awaitAssert(WITHIN, Duration.ofMillis(50), () -> {
            assertEquals(expected, hostOf.get(entityId), "host of entity " + entityId);
            return null;
        });
    }

    private static Config config(NodeId node) {
        return ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = WARNING",
                "pekko.actor.provider = cluster",
                "pekko.remote.artery.canonical.hostname = 127.0.0.1",
                "pekko.remote.artery.canonical.port = 0",
                "pekko.cluster.roles = [\"" + NodeRoles.roleFor(node) + "\"]",
                "pekko.cluster.jmx.enabled = off",
                "pekko.cluster.sharding.retry-interval = 200 ms",
                "pekko.cluster.sharding.rebalance-interval = 500 ms",
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));
    }

    /** Epoch 2 in its change: shard 0 moves from a to b; {@code synced} have reported their sync done. */
    private static EpochCommittees secondEpoch(Set<NodeId> synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofDays(1),
                committee(new Epoch(2), B, A, B, B), Optional.of(committee(Epoch.GENESIS, A, A, B, B)), Optional.empty(),
                synced);
    }

    private static Committee committee(Epoch epoch, NodeId... owners) {
        List<StorageNodeInfo> members = List.of(
                new StorageNodeInfo(A, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 1),
                new StorageNodeInfo(B, "http://127.0.0.1:2", Ed25519PublicKey.of(new byte[32]), 1));
        return new Committee(epoch, members, List.of(owners));
    }
}
