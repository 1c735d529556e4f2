package io.floe.actors.ledger;

import io.floe.actors.ledger.StakeReceipts.Operation;
import io.floe.actors.ledger.StakeReceipts.Receipt;
import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link SystemLedger}'s state: the applied genesis, the epoch and its committee once formed, where the epoch is
 * in the epoch state machine, the registered nodes, their staking pools and stakes, account balances, every charge
 * made and the latest staking operations' answers (by key, so a retried charge or staking call is answered, not
 * repeated), and the accounts' free storage, shared blobs' funds and answered requests ({@link AccountBook}).
 *
 * <p>Invariants: immutable; epoch 0 and no balances until the genesis is applied; {@code committee} is of
 * {@code epoch}; committee members carry the stake counted for their epoch; FROST is conserved: the balances, the
 * stakes, the charges, the extension fund and the shared funds always add up to the genesis funds (gateway and
 * faucet) and stakes.
 */
public record LedgerState(Optional<LedgerGenesis> genesis, Epoch epoch, Map<NodeId, StorageNodeInfo> nodes,
                          Optional<Committee> committee, Map<String, Long> balances, Map<ObjectId, Charge> charges,
                          EpochProgress progress, StakeBook book, AccountBook accounts) implements FloeMessage {

    /**
     * One charge as first answered: replayed to a caller that retries with the same key. {@code allocation} is the
     * storage an {@link AccountCommands.AllocateStorage} found for it (empty for a {@link SystemLedger.ChargeStorage}).
     */
    public record Charge(String account, long cost, long balanceAfter, Epoch epoch, Optional<Allocation> allocation) {
        public Charge {
            Objects.requireNonNull(allocation, "allocation");
        }

        public Charge(String account, long cost, long balanceAfter, Epoch epoch) {
            this(account, cost, balanceAfter, epoch, Optional.empty());
        }

        public SystemLedger.ChargeReply.Charged toReply() {
            return new SystemLedger.ChargeReply.Charged(cost, balanceAfter, epoch);
        }
    }

    /** The storage resource a registration got and how. */
    public record Allocation(StorageResource resource, ResourceOperation operation) {
        public Allocation {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(operation, "operation");
        }
    }

    public LedgerState {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        balances = Collections.unmodifiableMap(new TreeMap<>(balances));
        charges = ChargeLog.of(charges);
        Objects.requireNonNull(accounts, "accounts");
    }

    /** A state without account storage, shared funds or remembered requests (snapshots from before accounts). */
    public LedgerState(Optional<LedgerGenesis> genesis, Epoch epoch, Map<NodeId, StorageNodeInfo> nodes,
                       Optional<Committee> committee, Map<String, Long> balances, Map<ObjectId, Charge> charges,
                       EpochProgress progress, StakeBook book) {
        this(genesis, epoch, nodes, committee, balances, charges, progress, book, AccountBook.empty());
    }

    public static LedgerState empty() {
        return new LedgerState(Optional.empty(), new Epoch(0), Map.of(), Optional.empty(), Map.of(), Map.of(),
                EpochProgress.initial(), StakeBook.empty());
    }

    /** The genesis; every command but ApplyGenesis is stashed until it is applied, so handlers may rely on it. */
    public LedgerGenesis requireGenesis() {
        return genesis.orElseThrow(() -> new IllegalStateException("the ledger's genesis is not applied yet"));
    }

    /** The committees as members see them; empty until the first committee formed. */
    public Optional<EpochCommittees> epochs() {
        return committee.map(c -> new EpochCommittees(progress.state(), Instant.ofEpochMilli(progress.startMillis()),
                requireGenesis().epochDuration(), c, progress.previous(), progress.next(), progress.synced()));
    }

    public EpochState epochState() {
        return progress.state();
    }

    /** A registered node with the stake that counts in the current epoch. */
    public Optional<StorageNodeInfo> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id)).map(n -> withStake(n, epoch));
    }

    /** Genesis nodes that have not registered, in genesis order. */
    public List<NodeId> missingNodes() {
        return genesis.map(g -> g.nodes().stream().map(LedgerGenesis.Node::id).filter(id -> !nodes.containsKey(id))
                .toList()).orElse(List.of());
    }

    /** Registered genesis nodes in genesis order, with their stake in the current epoch. */
    public List<StorageNodeInfo> registeredNodes() {
        return genesis.map(g -> g.nodes().stream().map(n -> nodes.get(n.id())).filter(n -> n != null)
                .map(n -> withStake(n, epoch)).toList()).orElse(List.of());
    }

    /** Every registered node with stake counting in {@code in}, with that stake, in ID order. */
    public List<StorageNodeInfo> stakedNodes(Epoch in) {
        List<StorageNodeInfo> staked = new ArrayList<>();
        for (StorageNodeInfo n : nodes.values()) {
            if (book.stakeOf(n.id(), in) > 0) {
                staked.add(withStake(n, in));
            }
        }
        return staked;
    }

    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    public Optional<Charge> chargeFor(ObjectId key) {
        return Optional.ofNullable(charges.get(key));
    }

    /** Whether the current epoch's change is done (no previous committee still needed). */
    public boolean changeDone() {
        return progress.state() != EpochState.EPOCH_CHANGE_SYNC;
    }

    /**
     * Every FROST the ledger accounts for: balances (the faucet's included), stakes, the storage fund (charges and
     * extensions) and shared blobs' funds.
     */
    public long totalFrost() {
        long sum = Math.addExact(book.total(), accounts.totalFrost());
        for (long b : balances.values()) {
            sum = Math.addExact(sum, b);
        }
        for (Charge c : charges.values()) {
            sum = Math.addExact(sum, c.cost());
        }
        return sum;
    }

    private StorageNodeInfo withStake(StorageNodeInfo n, Epoch in) {
        return n.withStake(book.stakeOf(n.id(), in));
    }

    LedgerState withGenesis(LedgerGenesis applied) {
        Map<String, Long> funded = new TreeMap<>(balances);
        funded.merge(applied.gatewayAccount(), applied.gatewayFunds(), Math::addExact);
        if (applied.hasFaucet()) {
            funded.merge(LedgerGenesis.FAUCET_ACCOUNT, applied.faucetFunds(), Math::addExact);
        }
        return new LedgerState(Optional.of(applied), Epoch.GENESIS, nodes, committee, funded, charges, progress,
                StakeBook.genesis(applied), accounts);
    }

    /**
     * Records a node's URL, key, TLS fingerprint and pool; a member's entry follows in every known committee (its
     * clients pin the new certificate at once), no shard moves.
     */
    LedgerState withNode(NodeId id, String storageUrl, Ed25519PublicKey publicKey, PoolParams pool,
                         Optional<TlsFingerprint> tls) {
        Map<NodeId, StorageNodeInfo> updated = new TreeMap<>(nodes);
        StorageNodeInfo node = new StorageNodeInfo(id, storageUrl, publicKey, 0, tls);
        updated.put(id, node);
        EpochProgress p = new EpochProgress(progress.state(), progress.startMillis(),
                progress.previous().map(c -> withMember(c, node)),
                progress.next().map(c -> withMember(c, node)), progress.synced());
        return new LedgerState(genesis, epoch, updated, committee.map(c -> withMember(c, node)),
                balances, charges, p, book.withPool(id, pool), accounts);
    }

    LedgerState withCommittee(Committee formed, long startMillis) {
        return new LedgerState(genesis, formed.epoch(), nodes, Optional.of(formed), balances, charges,
                progress.formed(startMillis), book, accounts);
    }

    /** The current epoch {@code current}, whose start was unknown, counts from {@code millis}. */
    LedgerState withEpochStartRecorded(Epoch current, long millis) {
        if (!current.equals(epoch)) {
            throw new IllegalStateException("the start of epoch " + current + " recorded in epoch " + epoch);
        }
        return withProgress(progress.startedAt(millis));
    }

    LedgerState withNextSelected(Committee next) {
        return withProgress(progress.selected(next));
    }

    /** Epoch {@code next} (the selected committee's) starts at {@code millis}. */
    LedgerState withEpochChangeStarted(Epoch next, long millis) {
        Committee selected = progress.next().filter(c -> c.epoch().equals(next)).orElseThrow(
                () -> new IllegalStateException("no committee of epoch " + next + " was selected"));
        return new LedgerState(genesis, next, nodes, Optional.of(selected), balances, charges,
                progress.changeStarted(committee.orElseThrow(), millis), book, accounts);
    }

    LedgerState withShardsSynced(NodeId node) {
        return withProgress(progress.withSynced(node));
    }

    LedgerState withEpochChangeDone() {
        return withProgress(progress.changeDone());
    }

    LedgerState withCharge(String account, ObjectId key, long cost) {
        Map<String, Long> debited = new TreeMap<>(balances);
        long after = balance(account) - cost;
        debited.put(account, after);
        ChargeLog recorded = ChargeLog.of(charges).with(key, new Charge(account, cost, after, epoch));
        return new LedgerState(genesis, epoch, nodes, committee, debited, recorded, progress, book, accounts);
    }

    /**
     * A new stake: its FROST leave the owner's balance; the answer is remembered under {@code key}. Each of these
     * staking methods records as the answer the {@link StakeChange} the caller got (stakes, FROST moved, balance).
     */
    LedgerState withStake(StakedWal stake, Optional<RequestKey> key) {
        Map<String, Long> debited = credited(stake.owner(), -stake.principal());
        StakeChange change = new StakeChange(List.of(stake), stake.principal(), debited.get(stake.owner()));
        return new LedgerState(genesis, epoch, nodes, committee, debited, charges, progress,
                book.with(List.of(stake)).remembering(key, new Receipt(Operation.STAKE, change)), accounts);
    }

    LedgerState withWithdrawalRequested(List<StakedWal> stakes, Optional<RequestKey> key) {
        StakeChange change = new StakeChange(stakes, 0, balance(ownerOf(stakes)));
        return new LedgerState(genesis, epoch, nodes, committee, balances, charges, progress,
                book.with(stakes).remembering(key, new Receipt(Operation.REQUEST_WITHDRAWAL, change)), accounts);
    }

    /** Withdrawn stakes: their FROST return to their owners' balances. */
    LedgerState withWithdrawn(List<StakedWal> stakes, Optional<RequestKey> key) {
        Map<String, Long> credited = new TreeMap<>(balances);
        stakes.forEach(w -> credited.merge(w.owner(), w.principal(), Math::addExact));
        StakeChange change = new StakeChange(stakes, StakeRules.sum(stakes),
                credited.getOrDefault(ownerOf(stakes), 0L));
        return new LedgerState(genesis, epoch, nodes, committee, credited, charges, progress,
                book.without(stakes).remembering(key, new Receipt(Operation.WITHDRAWAL, change)), accounts);
    }

    /** The owner an operation's answer reports the balance of: all its stakes are one account's. */
    private static String ownerOf(List<StakedWal> stakes) {
        return stakes.isEmpty() ? "" : stakes.get(0).owner();
    }

    private Map<String, Long> credited(String account, long amount) {
        Map<String, Long> updated = new TreeMap<>(balances);
        updated.merge(account, amount, Math::addExact);
        return updated;
    }

    /** This state with the balances, charges and account book an account event left. */
    LedgerState withAccounts(Map<String, Long> newBalances, Map<ObjectId, Charge> newCharges, AccountBook newAccounts) {
        return new LedgerState(genesis, epoch, nodes, committee, newBalances, newCharges, progress, book, newAccounts);
    }

    private LedgerState withProgress(EpochProgress p) {
        return new LedgerState(genesis, epoch, nodes, committee, balances, charges, p, book, accounts);
    }

    /** {@code committee} with {@code node}'s entry replaced by {@code node} at the entry's stake. */
    private static Committee withMember(Committee committee, StorageNodeInfo node) {
        List<StorageNodeInfo> members = new ArrayList<>(committee.members().size());
        for (StorageNodeInfo m : committee.members()) {
            members.add(m.id().equals(node.id()) ? node.withStake(m.stake()) : m);
        }
        return new Committee(committee.epoch(), members, committee.shardOwners());
    }
}
