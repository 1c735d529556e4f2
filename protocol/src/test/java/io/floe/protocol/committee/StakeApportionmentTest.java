package io.floe.protocol.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class StakeApportionmentTest {
    private static final long WAL = 1_000_000_000L;

    @Test
    void splitsInProportionToStake() {
        List<StorageNodeInfo> nodes = nodes(1, 2, 3, 4);
        assertEquals(Map.of(id(0), 1, id(1), 2, id(2), 3, id(3), 4), StakeApportionment.shardCounts(nodes, 10));
        assertEquals(Map.of(id(0), 100, id(1), 200, id(2), 300, id(3), 400),
                StakeApportionment.shardCounts(nodes(WAL, 2 * WAL, 3 * WAL, 4 * WAL), 1000));
    }

    @Test
    void comparesQuotientsOfHugeStakesExactly() {
        // Products of these stakes and shard counts overflow a long; the split must still be exact.
        long big = Long.MAX_VALUE / 3;
        assertEquals(Map.of(id(0), 333, id(1), 667), StakeApportionment.shardCounts(nodes(big, 2 * big), 1000));
        assertTrue(StakeApportionment.compareProducts(Long.MAX_VALUE, 3, Long.MAX_VALUE, 2) > 0);
        assertTrue(StakeApportionment.compareProducts(Long.MAX_VALUE, 2, Long.MAX_VALUE - 1, 2) > 0);
        assertEquals(0, StakeApportionment.compareProducts(6, 4, 8, 3));
    }

    @Test
    void capsWhaleBelowTwentyNodes() {
        // Five nodes: cap = ceil(20 * 100 / 50) = 40; the rest share the remainder equally.
        SortedMap<NodeId, Integer> counts = StakeApportionment.shardCounts(nodes(1000 * WAL, WAL, WAL, WAL, WAL), 100);
        assertEquals(Map.of(id(0), 40, id(1), 15, id(2), 15, id(3), 15, id(4), 15), counts);
    }

    @Test
    void capsWhaleAtATenthFromTwentyNodes() {
        long[] stakes = new long[20];
        Arrays.fill(stakes, WAL);
        stakes[0] = 1_000_000 * WAL;
        SortedMap<NodeId, Integer> counts = StakeApportionment.shardCounts(nodes(stakes), 100);
        assertEquals(10, counts.get(id(0)));
        // 90 shards over 19 equal nodes: the 14 smallest IDs get 5, the other 5 get 4.
        for (int i = 1; i < 20; i++) {
            assertEquals(i <= 14 ? 5 : 4, counts.get(id(i)), "node " + i);
        }
    }

    @Test
    void raisesCapWhenItCannotPlaceEveryShard() {
        assertEquals(100, StakeApportionment.cap(1000, 100));
        assertEquals(200, StakeApportionment.cap(1000, 10));
        assertEquals(67, StakeApportionment.cap(100, 3));
        assertEquals(1, StakeApportionment.cap(5, 20), "n / 10 = 0 would place nothing");
        assertEquals(1, StakeApportionment.cap(9, 25));
        long[] stakes = new long[25];
        for (int i = 0; i < stakes.length; i++) {
            stakes[i] = (i + 1) * WAL;
        }
        SortedMap<NodeId, Integer> counts = StakeApportionment.shardCounts(nodes(stakes), 5);
        assertEquals(Map.of(id(20), 1, id(21), 1, id(22), 1, id(23), 1, id(24), 1), counts, "largest five stakes");
    }

    @Test
    void breaksTiesByNodeIdWhateverTheInputOrder() {
        List<StorageNodeInfo> nodes = new ArrayList<>(nodes(5, 5, 5));
        List<NodeId> expected = List.of(id(0), id(0), id(0), id(0), id(1), id(1), id(1), id(2), id(2), id(2));
        assertEquals(expected, StakeApportionment.apportion(nodes, 10));
        Collections.reverse(nodes);
        assertEquals(expected, StakeApportionment.apportion(nodes, 10));
        Collections.shuffle(nodes, new Random(7));
        assertEquals(expected, StakeApportionment.apportion(nodes, 10));
    }

    @Test
    void givesNothingToZeroStakeUnlessAllAreZero() {
        assertEquals(Map.of(id(1), 7), StakeApportionment.shardCounts(nodes(0, 3, 0), 7));
        assertEquals(Map.of(id(0), 3, id(1), 2, id(2), 2), StakeApportionment.shardCounts(nodes(0, 0, 0), 7));
    }

    @Test
    void everyApportionmentPlacesAllShardsAsHighestAverages() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            long[] stakes = new long[1 + random.nextInt(40)];
            for (int i = 0; i < stakes.length; i++) {
                stakes[i] = random.nextInt(4) == 0 ? 0 : 1 + (random.nextLong() >>> (2 + random.nextInt(61)));
            }
            int n = 1 + random.nextInt(1000);
            List<StorageNodeInfo> nodes = nodes(stakes);
            List<NodeId> owners = StakeApportionment.apportion(nodes, n);
            assertEquals(n, owners.size());
            assertConsecutiveRunsInIdOrder(owners);
            assertHighestAverages(nodes, StakeApportionment.shardCounts(nodes, n), n);
        }
    }

    @Test
    void reapportionKeepsAssignmentWhenStakesAreUnchanged() {
        List<StorageNodeInfo> nodes = nodes(3, 1, 4, 1, 5);
        List<NodeId> owners = StakeApportionment.apportion(nodes, 100);
        assertEquals(owners, StakeApportionment.reapportion(owners, nodes));
    }

    @Test
    void reapportionMovesOnlyWhatCountsRequire() {
        List<NodeId> before = StakeApportionment.apportion(nodes(1, 1, 1, 1), 12); // 3 shards each
        // Node 0 leaves, node 3 doubles, node 4 joins.
        List<StorageNodeInfo> after = List.of(node(1, 1), node(2, 1), node(3, 2), node(4, 2));
        List<NodeId> owners = StakeApportionment.reapportion(before, after);
        assertEquals(StakeApportionment.shardCounts(after, 12), countsOf(owners));
        assertEquals(List.of(id(3), id(4), id(4), id(1), id(1), id(4), id(2), id(2), id(4), id(3), id(3), id(3)), owners,
                "freed shards 0, 1, 2, 5, 8 go in index order to node 3 (one short), then node 4 (four short)");
        assertEquals(5, moved(before, owners));
    }

    @Test
    void reapportionMovesTheMinimumUnderRandomStakeChanges() {
        Random random = new Random(9);
        for (int round = 0; round < 200; round++) {
            int n = 10 + random.nextInt(500);
            List<NodeId> before = StakeApportionment.apportion(randomNodes(random), n);
            List<StorageNodeInfo> after = randomNodes(random);
            List<NodeId> owners = StakeApportionment.reapportion(before, after);
            SortedMap<NodeId, Integer> target = StakeApportionment.shardCounts(after, n);
            assertEquals(target, countsOf(owners));
            Map<NodeId, Integer> old = countsOf(before);
            int keepable = target.entrySet().stream().mapToInt(e -> Math.min(e.getValue(), old.getOrDefault(e.getKey(), 0))).sum();
            assertEquals(n - keepable, moved(before, owners));
        }
    }

    @Test
    void genesisAndNextBuildCommittees() {
        List<StorageNodeInfo> nodes = nodes(1, 1);
        Committee genesis = StakeApportionment.genesis(Epoch.GENESIS, nodes, 4);
        assertEquals(4, genesis.nShards());
        assertEquals(List.of(new ShardIndex(0), new ShardIndex(1)), genesis.shardsOf(id(0)));
        Committee next = StakeApportionment.next(genesis, List.of(node(0, 1), node(1, 3)));
        assertEquals(new Epoch(2), next.epoch());
        assertEquals(List.of(id(0), id(1), id(1), id(1)), next.shardOwners());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> StakeApportionment.apportion(List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> StakeApportionment.apportion(nodes(1), 0));
        assertThrows(IllegalArgumentException.class, () -> StakeApportionment.apportion(List.of(node(0, 1), node(0, 0)), 3));
    }

    private static void assertConsecutiveRunsInIdOrder(List<NodeId> owners) {
        for (int k = 1; k < owners.size(); k++) {
            assertTrue(owners.get(k - 1).compareTo(owners.get(k)) <= 0, "shard " + k + " breaks the runs");
        }
    }

    /** D'Hondt's defining property: no node below the cap has a next quotient above another node's last one. */
    private static void assertHighestAverages(List<StorageNodeInfo> nodes, SortedMap<NodeId, Integer> counts, int n) {
        assertEquals(n, counts.values().stream().mapToInt(Integer::intValue).sum());
        boolean anyStake = nodes.stream().anyMatch(x -> x.stake() > 0);
        List<StorageNodeInfo> eligible = nodes.stream().filter(x -> !anyStake || x.stake() > 0).toList();
        int cap = StakeApportionment.cap(n, eligible.size());
        for (StorageNodeInfo i : eligible) {
            int si = counts.getOrDefault(i.id(), 0);
            assertTrue(si <= cap, "cap");
            for (StorageNodeInfo j : eligible) {
                int sj = counts.getOrDefault(j.id(), 0);
                if (si < cap && sj > 0) {
                    // stake_i / (s_i + 1) <= stake_j / s_j
                    BigInteger lhs = BigInteger.valueOf(weight(i, anyStake)).multiply(BigInteger.valueOf(sj));
                    BigInteger rhs = BigInteger.valueOf(weight(j, anyStake)).multiply(BigInteger.valueOf(si + 1L));
                    assertTrue(lhs.compareTo(rhs) <= 0, i.id() + " should have won a seat from " + j.id());
                }
            }
        }
        nodes.stream().filter(x -> anyStake && x.stake() == 0).forEach(x -> assertTrue(!counts.containsKey(x.id())));
    }

    private static long weight(StorageNodeInfo node, boolean anyStake) {
        return anyStake ? node.stake() : 1;
    }

    private static List<StorageNodeInfo> randomNodes(Random random) {
        List<StorageNodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (random.nextInt(3) > 0) {
                nodes.add(node(i, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(1000)));
            }
        }
        return nodes.isEmpty() ? List.of(node(0, 1)) : nodes;
    }

    private static Map<NodeId, Integer> countsOf(List<NodeId> owners) {
        Map<NodeId, Integer> counts = new HashMap<>();
        owners.forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts;
    }

    private static int moved(List<NodeId> before, List<NodeId> after) {
        int moved = 0;
        for (int k = 0; k < before.size(); k++) {
            if (!before.get(k).equals(after.get(k))) {
                moved++;
            }
        }
        return moved;
    }

    private static List<StorageNodeInfo> nodes(long... stakes) {
        List<StorageNodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            nodes.add(node(i, stakes[i]));
        }
        return nodes;
    }

    private static StorageNodeInfo node(int i, long stake) {
        return new StorageNodeInfo(id(i), "http://127.0.0.1:" + (9000 + i), Ed25519PublicKey.of(new byte[32]), stake);
    }

    private static NodeId id(int i) {
        return new NodeId(String.format("node-%02d", i));
    }
}
