package io.floe.protocol.committee;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares {@code n} shards among storage nodes in proportion to stake: the D'Hondt method with Walrus's per-node
 * cap.
 *
 * <p>Rules, all deterministic and independent of the order of the input list:
 * <ul>
 *   <li>Eligible nodes are those with positive stake; if every node has stake 0, all nodes are eligible with
 *       equal weight (an equal split). Other nodes get no shard.</li>
 *   <li>D'Hondt: each shard in turn goes to the eligible node with the largest {@code stake / (shards + 1)}; a
 *       tie goes to the smaller {@link NodeId}.</li>
 *   <li>Cap, with {@code m} eligible nodes: no node gets more than {@code n / 10} shards if {@code m >= 20},
 *       else {@code ceil(20n / (10m))}. A node at the cap is skipped. Where {@code cap * m < n} (few eligible
 *       nodes, or {@code n < 10}) the cap could not place every shard, so it is raised to
 *       {@code ceil(n / m)}.</li>
 *   <li>Layout ({@link #apportion}): nodes in {@link NodeId} order each take their count of consecutive shard
 *       indices, so shard 0 belongs to the smallest ID with a shard.</li>
 *   <li>Reapportionment ({@link #reapportion}): each node keeps its lowest-indexed old shards up to its new
 *       count; the freed shards, in index order, go to nodes short of their count, in {@link NodeId} order. No
 *       assignment with the new counts moves fewer shards.</li>
 * </ul>
 * Every result has exactly {@code n} owners, each an eligible node.
 */
public final class StakeApportionment {
    private static final Logger LOG = LoggerFactory.getLogger(StakeApportionment.class);
    /** From this many nodes on, the cap is a tenth of the shards. */
    private static final int LARGE_COMMITTEE = 20;

    private StakeApportionment() {
    }

    /** The genesis committee: {@code nodes} with shards apportioned by stake. */
    public static Committee genesis(Epoch epoch, List<StorageNodeInfo> nodes, int nShards) {
        return new Committee(epoch, nodes, apportion(nodes, nShards));
    }

    /** The committee of the epoch after {@code previous}, moving as few shards as the new stakes allow. */
    public static Committee next(Committee previous, List<StorageNodeInfo> nodes) {
        return new Committee(previous.epoch().plus(1), nodes, reapportion(previous.shardOwners(), nodes));
    }

    /** The owner of each shard {@code k} at position {@code k}, laid out in consecutive runs by node ID. */
    public static List<NodeId> apportion(List<StorageNodeInfo> nodes, int nShards) {
        List<NodeId> owners = new ArrayList<>(nShards);
        shardCounts(nodes, nShards).forEach((node, count) -> owners.addAll(Collections.nCopies(count, node)));
        return List.copyOf(owners);
    }

    /**
     * New owners for {@code previousOwners.size()} shards under {@code nodes}' stakes: every node keeps its old
     * shards up to its new count (lowest indices first), and only the rest move.
     */
    public static List<NodeId> reapportion(List<NodeId> previousOwners, List<StorageNodeInfo> nodes) {
        SortedMap<NodeId, Integer> counts = shardCounts(nodes, previousOwners.size());
        Map<NodeId, Integer> kept = new HashMap<>();
        NodeId[] owners = new NodeId[previousOwners.size()];
        Deque<Integer> freed = new ArrayDeque<>();
        for (int k = 0; k < owners.length; k++) {
            NodeId old = previousOwners.get(k);
            int keptSoFar = kept.getOrDefault(old, 0);
            if (keptSoFar < counts.getOrDefault(old, 0)) {
                owners[k] = old;
                kept.put(old, keptSoFar + 1);
            } else {
                freed.add(k);
            }
        }
        counts.forEach((node, count) -> {
            for (int i = kept.getOrDefault(node, 0); i < count; i++) {
                owners[freed.removeFirst()] = node;
            }
        });
        return List.of(owners);
    }

    /** How many shards each node gets, in {@link NodeId} order; only nodes with at least one shard appear. */
    public static SortedMap<NodeId, Integer> shardCounts(List<StorageNodeInfo> nodes, int nShards) {
        if (nShards < 1) {
            throw new IllegalArgumentException("the network needs at least one shard: " + nShards);
        }
        List<Candidate> candidates = eligible(nodes);
        int cap = cap(nShards, candidates.size());
        PriorityQueue<Candidate> queue = new PriorityQueue<>(StakeApportionment::byNextQuotient);
        queue.addAll(candidates);
        for (int seat = 0; seat < nShards; seat++) {
            Candidate winner = queue.remove();
            winner.shards++;
            if (winner.shards < cap) {
                queue.add(winner);
            }
        }
        SortedMap<NodeId, Integer> counts = new TreeMap<>();
        for (Candidate c : candidates) {
            if (c.shards > 0) {
                counts.put(c.id, c.shards);
            }
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * The most shards one of {@code nodes} eligible nodes may hold: Walrus's cap, raised to {@code ceil(n / nodes)}
     * where the cap alone could not place all {@code n} shards.
     */
    public static int cap(int nShards, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("no node can hold a shard");
        }
        long cap = nodes >= LARGE_COMMITTEE ? nShards / 10 : ceilDiv(20L * nShards, 10L * nodes);
        if (cap * nodes < nShards) {
            long raised = ceilDiv(nShards, nodes);
            LOG.info("Shard cap {} for {} nodes cannot place {} shards; raised to {}", cap, nodes, nShards, raised);
            cap = raised;
        }
        return (int) cap;
    }

    private static List<Candidate> eligible(List<StorageNodeInfo> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no storage nodes to hold shards");
        }
        boolean anyStake = nodes.stream().anyMatch(n -> n.stake() > 0);
        Map<NodeId, StorageNodeInfo> byId = new TreeMap<>();
        for (StorageNodeInfo node : nodes) {
            if (byId.put(node.id(), node) != null) {
                throw new IllegalArgumentException("node " + node.id() + " is listed twice");
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (StorageNodeInfo node : byId.values()) {
            // With no stake anywhere every node weighs the same, which D'Hondt turns into an equal split.
            if (!anyStake || node.stake() > 0) {
                candidates.add(new Candidate(node.id(), anyStake ? node.stake() : 1));
            }
        }
        return candidates;
    }

    /** Larger {@code stake / (shards + 1)} first, then smaller node ID. */
    private static int byNextQuotient(Candidate a, Candidate b) {
        // a.stake / (a.shards + 1) > b.stake / (b.shards + 1)  <=>  a.stake * (b.shards + 1) > b.stake * (a.shards + 1),
        // compared in 128 bits because stakes in FROST times shard counts overflow a long.
        int byQuotient = compareProducts(b.stake, a.shards + 1L, a.stake, b.shards + 1L);
        return byQuotient != 0 ? byQuotient : Comparator.<NodeId>naturalOrder().compare(a.id, b.id);
    }

    /** Compares {@code x1 * y1} with {@code x2 * y2} for non-negative longs, exactly. */
    static int compareProducts(long x1, long y1, long x2, long y2) {
        int high = Long.compare(Math.multiplyHigh(x1, y1), Math.multiplyHigh(x2, y2));
        return high != 0 ? high : Long.compareUnsigned(x1 * y1, x2 * y2);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** A node in the running D'Hondt count; mutable only inside {@link #shardCounts}. */
    private static final class Candidate {
        final NodeId id;
        final long stake;
        int shards;

        Candidate(NodeId id, long stake) {
            this.id = id;
            this.stake = stake;
        }
    }
}
