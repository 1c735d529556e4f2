package io.floe.protocol.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Epoch after epoch of random stake changes (stakes grow and shrink, nodes join and leave): each committee change
 * moves exactly the minimum number of shards, {@code sum over nodes of max(0, old count - new count)}, and a node
 * whose count does not change keeps exactly its shards.
 */
class ReapportionMovementTest {
    private static final int EPOCHS = 40;
    private static final int NETWORKS = 25;

    @Test
    void movesTheMinimumAndKeepsUnchangedNodesShardsOverManyEpochs() {
        Random random = new Random(11);
        for (int network = 0; network < NETWORKS; network++) {
            int nShards = 10 + random.nextInt(300);
            Map<Integer, Long> stakes = new HashMap<>();
            for (int i = 0; i < 3 + random.nextInt(8); i++) {
                stakes.put(i, 1 + (long) random.nextInt(1000));
            }
            Committee committee = StakeApportionment.genesis(Epoch.GENESIS, nodes(stakes), nShards);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                changeStakes(random, stakes);
                Committee next = StakeApportionment.next(committee, nodes(stakes));
                assertMinimalMovement(committee, next);
                committee = next;
            }
        }
    }

    private static void assertMinimalMovement(Committee before, Committee after) {
        Map<NodeId, Integer> old = counts(before);
        Map<NodeId, Integer> now = counts(after);
        int minimum = 0;
        for (Map.Entry<NodeId, Integer> e : old.entrySet()) {
            minimum += Math.max(0, e.getValue() - now.getOrDefault(e.getKey(), 0));
        }
        int moved = 0;
        for (int k = 0; k < before.nShards(); k++) {
            if (!before.shardOwners().get(k).equals(after.shardOwners().get(k))) {
                moved++;
            }
        }
        assertEquals(minimum, moved, "shards moved from epoch " + before.epoch() + " to " + after.epoch());
        for (Map.Entry<NodeId, Integer> e : old.entrySet()) {
            if (e.getValue().equals(now.get(e.getKey()))) {
                assertEquals(shards(before, e.getKey()), shards(after, e.getKey()),
                        "node " + e.getKey() + " kept its count, so it keeps its shards");
            }
        }
    }

    /** One epoch's changes: some stakes grow or shrink, sometimes a node joins or leaves (never the last one). */
    private static void changeStakes(Random random, Map<Integer, Long> stakes) {
        for (Integer node : new ArrayList<>(stakes.keySet())) {
            int dice = random.nextInt(10);
            if (dice == 0 && stakes.size() > 1) {
                stakes.remove(node);
            } else if (dice < 4) {
                stakes.put(node, Math.max(1, stakes.get(node) + random.nextInt(401) - 200));
            }
        }
        if (random.nextInt(4) == 0) {
            stakes.put(100 + random.nextInt(100), 1 + (long) random.nextInt(1000));
        }
    }

    private static Map<NodeId, Integer> counts(Committee committee) {
        Map<NodeId, Integer> counts = new HashMap<>();
        committee.shardOwners().forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts;
    }

    private static Set<Integer> shards(Committee committee, NodeId node) {
        Set<Integer> shards = new TreeSet<>();
        committee.shardsOf(node).stream().map(ShardIndex::value).forEach(shards::add);
        return shards;
    }

    private static List<StorageNodeInfo> nodes(Map<Integer, Long> stakes) {
        List<StorageNodeInfo> nodes = new ArrayList<>();
        stakes.forEach((i, stake) -> nodes.add(new StorageNodeInfo(new NodeId(String.format("node-%03d", i)),
                "http://127.0.0.1:" + (9000 + i), Ed25519PublicKey.of(new byte[32]), stake)));
        return nodes;
    }
}
