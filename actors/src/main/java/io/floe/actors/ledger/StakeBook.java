package io.floe.actors.ledger;

import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakedWal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The staking pools of the registered storage nodes, every stake in them by ID, and the answers to the latest
 * staking operations by request key ({@link StakeReceipts}).
 *
 * <p>Invariants: immutable; every stake's principal is above 0 and its ID is below {@code nextId}, so IDs are never
 * reused; a stake leaves the book only when its FROST went back to its owner's balance.
 */
public record StakeBook(Map<NodeId, PoolParams> pools, Map<Long, StakedWal> stakes, long nextId,
                        StakeReceipts receipts) {
    /** The owner of the genesis stakes: the network's founders, in place of Walrus's genesis stakers. */
    public static final String GENESIS_OWNER = "genesis";

    public StakeBook {
        pools = Collections.unmodifiableMap(new TreeMap<>(pools));
        stakes = Collections.unmodifiableMap(new TreeMap<>(stakes));
        Objects.requireNonNull(receipts, "receipts");
    }

    /** A book that remembers no staking operation (as snapshots from before request keys read). */
    public StakeBook(Map<NodeId, PoolParams> pools, Map<Long, StakedWal> stakes, long nextId) {
        this(pools, stakes, nextId, StakeReceipts.empty());
    }

    public static StakeBook empty() {
        return new StakeBook(Map.of(), Map.of(), 1);
    }

    /** The genesis nodes' stakes as {@link #GENESIS_OWNER}'s, counting from epoch 1, with IDs 1, 2, ... */
    public static StakeBook genesis(LedgerGenesis genesis) {
        Map<Long, StakedWal> stakes = new TreeMap<>();
        long id = 1;
        for (LedgerGenesis.Node node : genesis.nodes()) {
            if (node.stake() > 0) {
                stakes.put(id, new StakedWal(id, node.id(), GENESIS_OWNER, node.stake(), Epoch.GENESIS,
                        Optional.empty()));
                id++;
            }
        }
        return new StakeBook(Map.of(), stakes, id);
    }

    /** FROST staked with {@code node} that counts in the committee of {@code epoch}. */
    public long stakeOf(NodeId node, Epoch epoch) {
        long sum = 0;
        for (StakedWal s : stakes.values()) {
            if (s.node().equals(node) && s.countsIn(epoch)) {
                sum = Math.addExact(sum, s.principal());
            }
        }
        return sum;
    }

    /** Every FROST in the book, counting or not. */
    public long total() {
        long sum = 0;
        for (StakedWal s : stakes.values()) {
            sum = Math.addExact(sum, s.principal());
        }
        return sum;
    }

    /** {@code owner}'s stakes with {@code node}, by ID. */
    public List<StakedWal> of(String owner, NodeId node) {
        List<StakedWal> found = new ArrayList<>();
        for (StakedWal s : stakes.values()) {
            if (s.owner().equals(owner) && s.node().equals(node)) {
                found.add(s);
            }
        }
        return found;
    }

    StakeBook withPool(NodeId node, PoolParams params) {
        Map<NodeId, PoolParams> updated = new TreeMap<>(pools);
        updated.put(node, params);
        return new StakeBook(updated, stakes, nextId, receipts);
    }

    /** {@code changed} stakes added or replaced by ID. */
    StakeBook with(List<StakedWal> changed) {
        Map<Long, StakedWal> updated = new TreeMap<>(stakes);
        long next = nextId;
        for (StakedWal s : changed) {
            updated.put(s.id(), s);
            next = Math.max(next, s.id() + 1);
        }
        return new StakeBook(pools, updated, next, receipts);
    }

    StakeBook without(List<StakedWal> removed) {
        Map<Long, StakedWal> updated = new TreeMap<>(stakes);
        removed.forEach(s -> updated.remove(s.id()));
        return new StakeBook(pools, updated, nextId, receipts);
    }

    /** The book remembering {@code receipt} as the answer to {@code key} (nothing without a key). */
    StakeBook remembering(Optional<RequestKey> key, StakeReceipts.Receipt receipt) {
        return new StakeBook(pools, stakes, nextId, receipts.with(key, receipt));
    }
}
