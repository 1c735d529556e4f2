package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.bytes;
import static io.floe.actors.serialization.SharedShapesMapper.nodeIds;
import static io.floe.actors.serialization.SharedShapesMapper.objectId;
import static io.floe.actors.serialization.SharedShapesMapper.publicKey;
import static io.floe.actors.serialization.SharedShapesMapper.tlsFingerprint;

import io.floe.actors.ledger.EpochProgress;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.StakeBook;
import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.actors.ledger.SystemLedger.RegisterNodeReply;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.proto.FloeLedgerProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Protobuf mapping of the SystemLedger's commands, replies, events and state ({@code floe_ledger.proto}); the
 * protocol shapes inside them (committees, keys, IDs) map in {@link SharedShapesMapper}. ActorRefs travel as
 * {@link ActorRefResolver} strings.
 */
public final class LedgerMessagesMapper implements MessageMapper {
    private final ActorRefResolver refs;

    public LedgerMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    @Override
    public List<Codec<?>> codecs() {
        List<Codec<?>> all = new ArrayList<>();
        all.addAll(commandCodecs());
        all.addAll(replyCodecs());
        all.addAll(eventAndStateCodecs());
        return all;
    }

    private List<Codec<?>> commandCodecs() {
        return List.of(
                Codec.of(SystemLedger.ApplyGenesis.class, "ledger.ApplyGenesis.v1",
                        c -> FloeLedgerProto.ApplyGenesis.getDefaultInstance(), FloeLedgerProto.ApplyGenesis.parser(),
                        p -> new SystemLedger.ApplyGenesis()),
                Codec.of(SystemLedger.RegisterNode.class, "ledger.RegisterNode.v1", this::toProto,
                        FloeLedgerProto.RegisterNode.parser(), this::fromProto),
                Codec.of(SystemLedger.GetCommittee.class, "ledger.GetCommittee.v1", this::toProto,
                        FloeLedgerProto.GetCommittee.parser(), this::fromProto),
                Codec.of(SystemLedger.ChargeStorage.class, "ledger.ChargeStorage.v1", this::toProto,
                        FloeLedgerProto.ChargeStorage.parser(), this::fromProto),
                Codec.of(SystemLedger.GetLedgerInfo.class, "ledger.GetLedgerInfo.v1", this::toProto,
                        FloeLedgerProto.GetLedgerInfo.parser(), this::fromProto));
    }

    private List<Codec<?>> replyCodecs() {
        return List.of(
                Codec.of(RegisterNodeReply.class, "ledger.NodeAccepted.v1", this::toProto,
                        FloeLedgerProto.NodeAccepted.parser(), this::fromProto),
                Codec.of(SystemLedger.CommitteeReply.class, "ledger.CommitteeReply.v1", this::toProto,
                        FloeLedgerProto.CommitteeReply.parser(), this::fromProto),
                Codec.of(ChargeReply.Charged.class, "ledger.Charged.v1", this::toProto,
                        FloeLedgerProto.Charged.parser(), this::fromProto),
                Codec.of(ChargeReply.InsufficientFunds.class, "ledger.InsufficientFunds.v1", this::toProto,
                        FloeLedgerProto.InsufficientFunds.parser(), this::fromProto),
                // The ledger answers GetLedgerInfo with the protocol's record; the manifest keeps its earlier name.
                Codec.of(LedgerInfo.class, "ledger.LedgerInfoReply.v1", this::toProto,
                        FloeLedgerProto.LedgerInfoReply.parser(), this::fromProto));
    }

    private List<Codec<?>> eventAndStateCodecs() {
        return List.of(
                Codec.of(SystemLedger.GenesisApplied.class, "ledger.GenesisApplied.v1", this::toProto,
                        FloeLedgerProto.GenesisApplied.parser(), this::fromProto),
                Codec.of(SystemLedger.NodeRegistered.class, "ledger.NodeRegistered.v1", this::toProto,
                        FloeLedgerProto.NodeRegistered.parser(), this::fromProto),
                Codec.of(SystemLedger.CommitteeFormed.class, "ledger.CommitteeFormed.v1", this::toProto,
                        FloeLedgerProto.CommitteeFormed.parser(), this::fromProto),
                Codec.of(SystemLedger.AccountCharged.class, "ledger.AccountCharged.v1", this::toProto,
                        FloeLedgerProto.AccountCharged.parser(), this::fromProto),
                Codec.of(LedgerState.class, "ledger.State.v1", this::toProto,
                        FloeLedgerProto.LedgerState.parser(), this::fromProto));
    }

    // --- commands ---

    public FloeLedgerProto.RegisterNode toProto(SystemLedger.RegisterNode c) {
        return FloeLedgerProto.RegisterNode.newBuilder().setNodeId(c.node().value()).setStorageUrl(c.storageUrl())
                .setPublicKey(bytes(c.publicKey())).setReplyTo(refs.toSerializationFormat(c.replyTo()))
                .setPool(LedgerShapesMapper.toProto(c.pool())).setTlsFingerprint(bytes(c.tlsFingerprint())).build();
    }

    public SystemLedger.RegisterNode fromProto(FloeLedgerProto.RegisterNode p) {
        return new SystemLedger.RegisterNode(new NodeId(p.getNodeId()), p.getStorageUrl(),
                publicKey(p.getPublicKey()), LedgerShapesMapper.pool(p.hasPool(), p.getPool()),
                tlsFingerprint(p.getTlsFingerprint()), refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.GetCommittee toProto(SystemLedger.GetCommittee c) {
        return FloeLedgerProto.GetCommittee.newBuilder().setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.GetCommittee fromProto(FloeLedgerProto.GetCommittee p) {
        return new SystemLedger.GetCommittee(refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.ChargeStorage toProto(SystemLedger.ChargeStorage c) {
        return FloeLedgerProto.ChargeStorage.newBuilder().setAccount(c.account()).setKey(bytes(c.key()))
                .setEncodedLength(c.encodedLength()).setEpochsAhead(c.epochsAhead())
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.ChargeStorage fromProto(FloeLedgerProto.ChargeStorage p) {
        return new SystemLedger.ChargeStorage(p.getAccount(), objectId(p.getKey()), p.getEncodedLength(),
                p.getEpochsAhead(), refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.GetLedgerInfo toProto(SystemLedger.GetLedgerInfo c) {
        return FloeLedgerProto.GetLedgerInfo.newBuilder().setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.GetLedgerInfo fromProto(FloeLedgerProto.GetLedgerInfo p) {
        return new SystemLedger.GetLedgerInfo(refs.resolveActorRef(p.getReplyTo()));
    }

    // --- replies ---

    public FloeLedgerProto.NodeAccepted toProto(RegisterNodeReply r) {
        return FloeLedgerProto.NodeAccepted.newBuilder().setNode(SharedShapesMapper.toProto(r.node())).build();
    }

    public RegisterNodeReply fromProto(FloeLedgerProto.NodeAccepted p) {
        return new RegisterNodeReply(SharedShapesMapper.fromProto(p.getNode()));
    }

    public FloeLedgerProto.CommitteeReply toProto(SystemLedger.CommitteeReply r) {
        FloeLedgerProto.CommitteeReply.Builder b = FloeLedgerProto.CommitteeReply.newBuilder();
        r.epochs().ifPresent(e -> b.setEpochs(LedgerShapesMapper.toProto(e))
                .setCommittee(SharedShapesMapper.toProto(e.current())));
        return b.addAllMissing(SharedShapesMapper.values(r.missing())).build();
    }

    public SystemLedger.CommitteeReply fromProto(FloeLedgerProto.CommitteeReply p) {
        Optional<EpochCommittees> epochs = p.hasEpochs() ? Optional.of(LedgerShapesMapper.fromProto(p.getEpochs()))
                : Optional.empty();
        return new SystemLedger.CommitteeReply(epochs, nodeIds(p.getMissingList()));
    }

    public FloeLedgerProto.Charged toProto(ChargeReply.Charged r) {
        return FloeLedgerProto.Charged.newBuilder().setCost(r.cost()).setBalanceAfter(r.balanceAfter())
                .setEpoch(r.epoch().value()).build();
    }

    public ChargeReply.Charged fromProto(FloeLedgerProto.Charged p) {
        return new ChargeReply.Charged(p.getCost(), p.getBalanceAfter(), new Epoch(p.getEpoch()));
    }

    public FloeLedgerProto.InsufficientFunds toProto(ChargeReply.InsufficientFunds r) {
        return FloeLedgerProto.InsufficientFunds.newBuilder().setBalance(r.balance()).setCost(r.cost()).build();
    }

    public ChargeReply.InsufficientFunds fromProto(FloeLedgerProto.InsufficientFunds p) {
        return new ChargeReply.InsufficientFunds(p.getBalance(), p.getCost());
    }

    public FloeLedgerProto.LedgerInfoReply toProto(LedgerInfo r) {
        return FloeLedgerProto.LedgerInfoReply.newBuilder().setEpoch(r.epoch().value()).setNShards(r.nShards())
                .setStoragePricePerUnit(r.storagePricePerUnit()).setWritePricePerUnit(r.writePricePerUnit())
                .setMaxEpochsAhead(r.maxEpochsAhead()).setGatewayAccount(r.gatewayAccount())
                .setGatewayBalance(r.gatewayBalance()).build();
    }

    public LedgerInfo fromProto(FloeLedgerProto.LedgerInfoReply p) {
        return new LedgerInfo(new Epoch(p.getEpoch()), p.getNShards(), p.getStoragePricePerUnit(),
                p.getWritePricePerUnit(), p.getMaxEpochsAhead(), p.getGatewayAccount(), p.getGatewayBalance());
    }

    // --- events ---

    public FloeLedgerProto.GenesisApplied toProto(SystemLedger.GenesisApplied e) {
        return FloeLedgerProto.GenesisApplied.newBuilder().setGenesis(toProto(e.genesis())).build();
    }

    public SystemLedger.GenesisApplied fromProto(FloeLedgerProto.GenesisApplied p) {
        return new SystemLedger.GenesisApplied(fromProto(p.getGenesis()));
    }

    public FloeLedgerProto.NodeRegistered toProto(SystemLedger.NodeRegistered e) {
        return FloeLedgerProto.NodeRegistered.newBuilder().setNodeId(e.node().value()).setStorageUrl(e.storageUrl())
                .setPublicKey(bytes(e.publicKey())).setPool(LedgerShapesMapper.toProto(e.pool()))
                .setTlsFingerprint(bytes(e.tlsFingerprint())).build();
    }

    public SystemLedger.NodeRegistered fromProto(FloeLedgerProto.NodeRegistered p) {
        return new SystemLedger.NodeRegistered(new NodeId(p.getNodeId()), p.getStorageUrl(),
                publicKey(p.getPublicKey()), LedgerShapesMapper.pool(p.hasPool(), p.getPool()),
                tlsFingerprint(p.getTlsFingerprint()));
    }

    public FloeLedgerProto.CommitteeFormed toProto(SystemLedger.CommitteeFormed e) {
        return FloeLedgerProto.CommitteeFormed.newBuilder().setCommittee(SharedShapesMapper.toProto(e.committee()))
                .setStartMillis(e.startMillis()).build();
    }

    public SystemLedger.CommitteeFormed fromProto(FloeLedgerProto.CommitteeFormed p) {
        return new SystemLedger.CommitteeFormed(SharedShapesMapper.fromProto(p.getCommittee()), p.getStartMillis());
    }

    public FloeLedgerProto.AccountCharged toProto(SystemLedger.AccountCharged e) {
        return FloeLedgerProto.AccountCharged.newBuilder().setAccount(e.account()).setKey(bytes(e.key()))
                .setCost(e.cost()).build();
    }

    public SystemLedger.AccountCharged fromProto(FloeLedgerProto.AccountCharged p) {
        return new SystemLedger.AccountCharged(p.getAccount(), objectId(p.getKey()), p.getCost());
    }

    // --- state ---

    public FloeLedgerProto.LedgerState toProto(LedgerState s) {
        FloeLedgerProto.LedgerState.Builder b = FloeLedgerProto.LedgerState.newBuilder().setEpoch(s.epoch().value());
        s.genesis().ifPresent(g -> b.setGenesis(toProto(g)));
        s.nodes().values().forEach(n -> b.addNodes(SharedShapesMapper.toProto(n)));
        s.committee().ifPresent(c -> b.setCommittee(SharedShapesMapper.toProto(c)));
        s.balances().forEach((account, balance) -> b.addBalances(
                FloeLedgerProto.Balance.newBuilder().setAccount(account).setBalance(balance)));
        s.charges().forEach((key, c) -> {
            FloeLedgerProto.ChargeRecord.Builder charge = FloeLedgerProto.ChargeRecord.newBuilder().setKey(bytes(key))
                    .setAccount(c.account()).setCost(c.cost()).setBalanceAfter(c.balanceAfter())
                    .setEpoch(c.epoch().value());
            AccountShapesMapper.allocationToProto(charge, c);
            b.addCharges(charge);
        });
        AccountShapesMapper.bookToProto(b, s.accounts());
        EpochProgress p = s.progress();
        b.setEpochState(LedgerShapesMapper.toProto(p.state())).setEpochStartMillis(p.startMillis())
                .addAllSynced(SharedShapesMapper.values(List.copyOf(p.synced())));
        p.previous().ifPresent(c -> b.setPrevious(SharedShapesMapper.toProto(c)));
        p.next().ifPresent(c -> b.setNext(SharedShapesMapper.toProto(c)));
        s.book().pools().forEach((node, pool) -> b.addPools(FloeLedgerProto.Pool.newBuilder()
                .setNodeId(node.value()).setParams(LedgerShapesMapper.toProto(pool))));
        return b.addAllStakes(LedgerShapesMapper.stakesToProto(List.copyOf(s.book().stakes().values())))
                .setNextStakeId(s.book().nextId())
                .addAllStakeReceipts(LedgerShapesMapper.receiptsToProto(s.book().receipts())).build();
    }

    public LedgerState fromProto(FloeLedgerProto.LedgerState p) {
        Map<NodeId, StorageNodeInfo> nodes = new TreeMap<>();
        p.getNodesList().forEach(n -> nodes.put(new NodeId(n.getNodeId()), SharedShapesMapper.fromProto(n)));
        Map<String, Long> balances = new TreeMap<>();
        p.getBalancesList().forEach(b -> balances.put(b.getAccount(), b.getBalance()));
        Map<ObjectId, LedgerState.Charge> charges = new LinkedHashMap<>();
        p.getChargesList().forEach(c -> charges.put(objectId(c.getKey()), AccountShapesMapper.charge(c)));
        Optional<LedgerGenesis> genesis = p.hasGenesis() ? Optional.of(fromProto(p.getGenesis())) : Optional.empty();
        EpochProgress progress = new EpochProgress(LedgerShapesMapper.fromProto(p.getEpochState()),
                p.getEpochStartMillis(), LedgerShapesMapper.committee(p.hasPrevious(), p.getPrevious()),
                LedgerShapesMapper.committee(p.hasNext(), p.getNext()), new HashSet<>(nodeIds(p.getSyncedList())));
        return new LedgerState(genesis, new Epoch(p.getEpoch()), nodes,
                LedgerShapesMapper.committee(p.hasCommittee(), p.getCommittee()), balances, charges, progress,
                book(p, genesis, nodes.keySet()), AccountShapesMapper.book(p));
    }

    /** The pools and stakes; a snapshot from before staking gets the genesis stakes and a default pool per node. */
    private static StakeBook book(FloeLedgerProto.LedgerState p, Optional<LedgerGenesis> genesis, Set<NodeId> nodes) {
        Map<NodeId, PoolParams> pools = new TreeMap<>();
        if (p.getNextStakeId() == 0) {
            nodes.forEach(n -> pools.put(n, PoolParams.DEFAULT));
            StakeBook stakes = genesis.map(StakeBook::genesis).orElse(StakeBook.empty());
            return new StakeBook(pools, stakes.stakes(), stakes.nextId());
        }
        p.getPoolsList().forEach(pool -> pools.put(new NodeId(pool.getNodeId()),
                LedgerShapesMapper.pool(pool.hasParams(), pool.getParams())));
        Map<Long, StakedWal> stakes = new TreeMap<>();
        LedgerShapesMapper.stakes(p.getStakesList()).forEach(s -> stakes.put(s.id(), s));
        return new StakeBook(pools, stakes, p.getNextStakeId(),
                LedgerShapesMapper.receipts(p.getStakeReceiptsList()));
    }

    // --- genesis ---

    public FloeLedgerProto.LedgerGenesis toProto(LedgerGenesis g) {
        FloeLedgerProto.LedgerGenesis.Builder b = FloeLedgerProto.LedgerGenesis.newBuilder().setNShards(g.nShards())
                .setStoragePricePerUnit(g.storagePricePerUnit()).setWritePricePerUnit(g.writePricePerUnit())
                .setMaxEpochsAhead(g.maxEpochsAhead()).setGatewayAccount(g.gatewayAccount())
                .setGatewayFunds(g.gatewayFunds()).setEpochDurationMillis(g.epochDuration().toMillis())
                .setFaucetFunds(g.faucetFunds()).setMaxFaucetAmount(g.maxFaucetAmount());
        g.nodes().forEach(n -> b.addNodes(
                FloeLedgerProto.GenesisNode.newBuilder().setNodeId(n.id().value()).setStake(n.stake())));
        return b.build();
    }

    public LedgerGenesis fromProto(FloeLedgerProto.LedgerGenesis p) {
        return new LedgerGenesis(p.getNShards(), p.getStoragePricePerUnit(), p.getWritePricePerUnit(),
                p.getMaxEpochsAhead(), p.getGatewayAccount(), p.getGatewayFunds(), p.getNodesList().stream()
                .map(n -> new LedgerGenesis.Node(new NodeId(n.getNodeId()), n.getStake())).toList(),
                p.getEpochDurationMillis() == 0 ? LedgerGenesis.DEFAULT_EPOCH_DURATION
                        : Duration.ofMillis(p.getEpochDurationMillis()), p.getFaucetFunds(),
                p.getMaxFaucetAmount() == 0 ? LedgerGenesis.DEFAULT_MAX_FAUCET_AMOUNT : p.getMaxFaucetAmount());
    }
}
