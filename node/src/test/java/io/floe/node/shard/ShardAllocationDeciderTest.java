package io.floe.node.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

class ShardAllocationDeciderTest {
    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");
    private static final NodeId C = new NodeId("c");
    private static final Address SELF = new Address("pekko", "floe", "127.0.0.1", 2551);
    private static final Address REMOTE = new Address("pekko", "floe", "127.0.0.1", 2552);
    private static final Address CLIENT = new Address("pekko", "floe", "127.0.0.1", 2553);
    /** Shards 0, 1 on a; 2, 3 on b; 4 on c; nothing moving. */
    private static final EpochCommittees COMMITTEE = EpochCommittees.genesis(committee(Epoch.GENESIS, A, A, B, B, C),
            Instant.EPOCH, Duration.ofDays(1));

    @Test
    void mapsRegionsToNodesByMemberRoles() {
        Map<String, Address> regions = Map.of(
                "local", new Address("pekko", "floe"),
                "remote", REMOTE,
                "client", CLIENT,
                "unknown", new Address("pekko", "floe", "127.0.0.1", 9));
        Map<Address, Set<String>> roles = Map.of(
                SELF, Set.of("dc-default", NodeRoles.roleFor(A)),
                REMOTE, Set.of(NodeRoles.roleFor(B)),
                CLIENT, Set.of("dc-default", "gateway"));
        assertEquals(Map.of("local", A, "remote", B), ShardAllocationDecider.regionNodes(regions, SELF, roles));
    }

    @Test
    void ignoresMembersWithTwoNodeRoles() {
        Map<Address, Set<String>> roles = Map.of(REMOTE, Set.of(NodeRoles.roleFor(A), NodeRoles.roleFor(B)));
        assertEquals(Map.of(), ShardAllocationDecider.regionNodes(Map.of("r", REMOTE), SELF, roles));
    }

    @Test
    void placesShardOnItsOwnersRegion() {
        Map<String, NodeId> regions = Map.of("ra", A, "rb", B, "rc", C);
        assertEquals("ra", ShardAllocationDecider.allocate(COMMITTEE, "0", regions));
        assertEquals("ra", ShardAllocationDecider.allocate(COMMITTEE, "1", regions));
        assertEquals("rb", ShardAllocationDecider.allocate(COMMITTEE, "3", regions));
        assertEquals("rc", ShardAllocationDecider.allocate(COMMITTEE, "4", regions));
    }

    @Test
    void refusesWhenOwnerHasNoRegion() {
        ShardAllocationException.OwnerUnavailable e = assertThrows(ShardAllocationException.OwnerUnavailable.class,
                () -> ShardAllocationDecider.allocate(COMMITTEE, "2", Map.of("ra", A, "rc", C)));
        assertEquals(B, e.owner());
        assertEquals("2", e.shardId());
        assertEquals(0, e.getStackTrace().length, "expected condition, logged at every retry: no trace");
    }

    @Test
    void refusesShardIdsThatAreNotIndices() {
        Map<String, NodeId> regions = Map.of("ra", A, "rb", B, "rc", C);
        for (String bad : List.of("5", "-1", "+1", "01", "", " 1", "x", "1.0", "99999999999", "4294967296")) {
            ShardAllocationException.InvalidShardId e = assertThrows(ShardAllocationException.InvalidShardId.class,
                    () -> ShardAllocationDecider.allocate(COMMITTEE, bad, regions), bad);
            assertEquals(5, e.nShards());
        }
    }

    @Test
    void refusesBeforeACommitteeIsKnown() {
        assertThrows(ShardAllocationException.NoCommittee.class,
                () -> ShardAllocationDecider.allocate(null, "0", Map.of("ra", A)));
        assertEquals(Set.of(), ShardAllocationDecider.rebalance(null, Map.of("ra", List.of("0")), Map.of("ra", A), Set.of()));
    }

    @Test
    void rebalanceReturnsShardsHostedOffTheirOwnerOnlyWhenOwnerCanTakeThem() {
        Map<String, List<String>> allocations = Map.of(
                "ra", List.of("0", "2", "4"),   // 2 belongs to b (up): move; 4 belongs to c (down): stay
                "rb", List.of("3", "1"),        // 1 belongs to a: move
                "other", List.of("3x", "99"));  // not indices: left alone
        Set<String> moves = ShardAllocationDecider.rebalance(COMMITTEE, allocations,
                Map.of("ra", A, "rb", B), Set.of());
        assertEquals(Set.of("1", "2"), moves);
        assertEquals(List.of("1", "2"), List.copyOf(moves), "index order");
    }

    @Test
    void rebalanceSkipsShardsAlreadyMovingAndRegionsWithoutNode() {
        Map<String, List<String>> allocations = Map.of("ra", List.of("2", "3"), "unnamed", List.of("0"));
        assertEquals(Set.of("3", "0"), ShardAllocationDecider.rebalance(COMMITTEE, allocations,
                Map.of("ra", A, "rb", B), Set.of("2")));
    }

    @Test
    void rebalanceIsEmptyWhenEveryShardIsHome() {
        Map<String, List<String>> allocations = Map.of("ra", List.of("0", "1"), "rb", List.of("2", "3"), "rc", List.of("4"));
        assertEquals(Set.of(), ShardAllocationDecider.rebalance(COMMITTEE, allocations,
                Map.of("ra", A, "rb", B, "rc", C), Set.of()));
    }

    @Test
    void keepsAMovingShardOnItsPreviousOwnerUntilTheNewOwnerHasSynced() {
        Map<String, NodeId> regions = Map.of("ra", A, "rb", B, "rc", C);
        Map<String, List<String>> hosted = Map.of("ra", List.of("0", "1"), "rb", List.of("2", "3"), "rc", List.of("4"));

        assertEquals("ra", ShardAllocationDecider.allocate(changing(), "1", regions));
        assertEquals("rb", ShardAllocationDecider.allocate(changing(), "2", regions));
        assertEquals(Set.of(), ShardAllocationDecider.rebalance(changing(), hosted, regions, Set.of()));
        // a has synced (it gains shard 2), c has not: only shard 2 goes to its new owner.
        assertEquals("ra", ShardAllocationDecider.allocate(changing(A), "2", regions));
        assertEquals("ra", ShardAllocationDecider.allocate(changing(A), "1", regions));
        assertEquals(Set.of("2"), ShardAllocationDecider.rebalance(changing(A), hosted, regions, Set.of()));
    }

    @Test
    void movesAShardToItsNewOwnerOnceItHasSynced() {
        Map<String, NodeId> regions = Map.of("ra", A, "rb", B, "rc", C);
        Map<String, List<String>> hosted = Map.of("ra", List.of("0", "1"), "rb", List.of("2", "3"), "rc", List.of("4"));

        assertEquals("rc", ShardAllocationDecider.allocate(changing(A, C), "1", regions));
        assertEquals(Set.of("1", "2"), ShardAllocationDecider.rebalance(changing(A, C), hosted, regions, Set.of()));
        // Once moved, nothing more moves.
        Map<String, List<String>> moved = Map.of("ra", List.of("0", "2"), "rb", List.of("3"), "rc", List.of("1", "4"));
        assertEquals(Set.of(), ShardAllocationDecider.rebalance(changing(A, C), moved, regions, Set.of()));
    }

    @Test
    void waitsForThePreviousOwnerWhileTheNewOwnerHasNotSynced() {
        ShardAllocationException.OwnerUnavailable e = assertThrows(ShardAllocationException.OwnerUnavailable.class,
                () -> ShardAllocationDecider.allocate(changing(), "1", Map.of("rb", B, "rc", C)));
        assertEquals(A, e.owner(), "the shard's data is on its previous owner, not on c yet");
    }

    @Test
    void wakesOnlyTheShardsANodeHolds() {
        assertEquals(List.of(new ShardIndex(0), new ShardIndex(1)), ShardWaker.heldBy(changing(), A));
        assertEquals(List.of(new ShardIndex(4)), ShardWaker.heldBy(changing(), C));
        assertEquals(List.of(new ShardIndex(0), new ShardIndex(2)), ShardWaker.heldBy(changing(A, C), A));
        assertEquals(List.of(new ShardIndex(1), new ShardIndex(4)), ShardWaker.heldBy(changing(A, C), C));
    }

    @Test
    void picksOneRegionDeterministicallyWhenANodeHasTwo() {
        Map<String, NodeId> regions = Map.of("r2", A, "r1", A);
        assertEquals("r1", ShardAllocationDecider.allocate(COMMITTEE, "0", regions));
    }

    @Test
    void rolesNameNodes() {
        assertEquals("floe-node-node-7", NodeRoles.roleFor(new NodeId("node-7")));
        assertEquals(Optional.of(new NodeId("node-7")), NodeRoles.nodeIdOf(Set.of("dc-default", "floe-node-node-7")));
        assertEquals(Optional.empty(), NodeRoles.nodeIdOf(Set.of("dc-default")));
        assertThrows(IllegalArgumentException.class, () -> NodeRoles.nodeIdOf(Set.of("floe-node-Bad")));
        assertThrows(IllegalArgumentException.class, () -> NodeRoles.nodeIdOf(List.of("floe-node-a", "floe-node-b")));
    }

    /**
     * Epoch 2 in its change: shard 1 moves from a to c, shard 2 from b to a; the others stay. {@code synced} are the
     * new committee's members that reported their sync done.
     */
    private static EpochCommittees changing(NodeId... synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofDays(1),
                committee(new Epoch(2), A, C, A, B, C), Optional.of(committee(Epoch.GENESIS, A, A, B, B, C)),
                Optional.empty(), Set.of(synced));
    }

    private static Committee committee(Epoch epoch, NodeId... owners) {
        List<StorageNodeInfo> members = Stream.of(owners).distinct()
                .map(id -> new StorageNodeInfo(id, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 1)).toList();
        return new Committee(epoch, members, List.of(owners));
    }
}
