package io.floe.actors.ledger;

import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link SystemLedger}'s state: the applied genesis, the epoch, the registered nodes, the committee once
 * formed, account balances, and every charge made (by key, so a retried charge is answered, not repeated).
 *
 * <p>Invariant: immutable; epoch 0 and no balances until the genesis is applied; every registered node is a
 * genesis node and carries its genesis stake; the committee's members are the registered nodes' current entries.
 */
public record LedgerState(Optional<LedgerGenesis> genesis, Epoch epoch, Map<NodeId, StorageNodeInfo> nodes,
                          Optional<Committee> committee, Map<String, Long> balances, Map<ObjectId, Charge> charges)
        implements FloeMessage {

    /** One charge as first answered: replayed to a caller that retries with the same key. */
    public record Charge(String account, long cost, long balanceAfter, Epoch epoch) {
        public SystemLedger.ChargeReply.Charged toReply() {
            return new SystemLedger.ChargeReply.Charged(cost, balanceAfter, epoch);
        }
    }

    public LedgerState {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        balances = Collections.unmodifiableMap(new TreeMap<>(balances));
        charges = Collections.unmodifiableMap(new LinkedHashMap<>(charges));
    }

    public static LedgerState empty() {
        return new LedgerState(Optional.empty(), new Epoch(0), Map.of(), Optional.empty(), Map.of(), Map.of());
    }

    /** The genesis; every command but ApplyGenesis is stashed until it is applied, so handlers may rely on it. */
    public LedgerGenesis requireGenesis() {
        return genesis.orElseThrow(() -> new IllegalStateException("the ledger's genesis is not applied yet"));
    }

    public Optional<StorageNodeInfo> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Genesis nodes that have not registered, in genesis order. */
    public List<NodeId> missingNodes() {
        return genesis.map(g -> g.nodes().stream().map(LedgerGenesis.Node::id).filter(id -> !nodes.containsKey(id))
                .toList()).orElse(List.of());
    }

    /** Registered nodes in genesis order. */
    public List<StorageNodeInfo> registeredNodes() {
        return genesis.map(g -> g.nodes().stream().map(n -> nodes.get(n.id())).filter(n -> n != null).toList())
                .orElse(List.of());
    }

    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    public Optional<Charge> chargeFor(ObjectId key) {
        return Optional.ofNullable(charges.get(key));
    }

    LedgerState withGenesis(LedgerGenesis applied) {
        Map<String, Long> funded = new TreeMap<>(balances);
        funded.merge(applied.gatewayAccount(), applied.gatewayFunds(), Math::addExact);
        return new LedgerState(Optional.of(applied), Epoch.GENESIS, nodes, committee, funded, charges);
    }

    /** Records a node's URL and key; a committee member's entry follows, its shards stay where they are. */
    LedgerState withNode(NodeId id, String storageUrl, Ed25519PublicKey publicKey) {
        long stake = requireGenesis().node(id).map(LedgerGenesis.Node::stake).orElse(0L);
        StorageNodeInfo info = new StorageNodeInfo(id, storageUrl, publicKey, stake);
        Map<NodeId, StorageNodeInfo> updated = new TreeMap<>(nodes);
        updated.put(id, info);
        return new LedgerState(genesis, epoch, updated, committee.map(c -> withMember(c, info)), balances, charges);
    }

    LedgerState withCommittee(Committee formed) {
        return new LedgerState(genesis, epoch, nodes, Optional.of(formed), balances, charges);
    }

    LedgerState withCharge(String account, ObjectId key, long cost) {
        long after = balance(account) - cost;
        Map<String, Long> debited = new TreeMap<>(balances);
        debited.put(account, after);
        Map<ObjectId, Charge> recorded = new LinkedHashMap<>(charges);
        recorded.put(key, new Charge(account, cost, after, epoch));
        return new LedgerState(genesis, epoch, nodes, committee, debited, recorded);
    }

    private static Committee withMember(Committee committee, StorageNodeInfo info) {
        List<StorageNodeInfo> members = new ArrayList<>(committee.members().size());
        for (StorageNodeInfo m : committee.members()) {
            members.add(m.id().equals(info.id()) ? info : m);
        }
        return new Committee(committee.epoch(), members, committee.shardOwners());
    }
}
