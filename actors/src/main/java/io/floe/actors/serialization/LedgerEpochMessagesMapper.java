package io.floe.actors.serialization;

import io.floe.actors.ledger.SystemLedger;
import io.floe.actors.ledger.SystemLedger.StakeReply;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.proto.FloeLedgerProto;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Protobuf mapping of the SystemLedger's epoch and staking commands, replies and events ({@code floe_ledger.proto});
 * the shapes inside them map in {@link LedgerShapesMapper}. ActorRefs travel as {@link ActorRefResolver} strings.
 */
public final class LedgerEpochMessagesMapper implements MessageMapper {
    private final ActorRefResolver refs;

    public LedgerEpochMessagesMapper(ActorRefResolver refs) {
        this.refs = refs;
    }

    @Override
    public List<Codec<?>> codecs() {
        List<Codec<?>> all = new ArrayList<>();
        all.addAll(commandCodecs());
        all.addAll(replyCodecs());
        all.addAll(eventCodecs());
        return all;
    }

    private List<Codec<?>> commandCodecs() {
        return List.of(
                Codec.of(SystemLedger.Tick.class, "ledger.Tick.v1", c -> FloeLedgerProto.Tick.getDefaultInstance(),
                        FloeLedgerProto.Tick.parser(), p -> new SystemLedger.Tick()),
                Codec.of(SystemLedger.SettleCharges.class, "ledger.SettleCharges.v1",
                        c -> FloeLedgerProto.SettleCharges.getDefaultInstance(), FloeLedgerProto.SettleCharges.parser(),
                        p -> new SystemLedger.SettleCharges()),
                Codec.of(SystemLedger.ReportShardsSynced.class, "ledger.ReportShardsSynced.v1", this::toProto,
                        FloeLedgerProto.ReportShardsSynced.parser(), this::fromProto),
                Codec.of(SystemLedger.Stake.class, "ledger.Stake.v1", this::toProto,
                        FloeLedgerProto.Stake.parser(), this::fromProto),
                Codec.of(SystemLedger.RequestWithdrawStake.class, "ledger.RequestWithdrawStake.v1", this::toProto,
                        FloeLedgerProto.RequestWithdrawStake.parser(), this::fromProto),
                Codec.of(SystemLedger.WithdrawStake.class, "ledger.WithdrawStake.v1", this::toProto,
                        FloeLedgerProto.WithdrawStake.parser(), this::fromProto));
    }

    private List<Codec<?>> replyCodecs() {
        return List.of(
                Codec.of(StakeReply.Staked.class, "ledger.StakedReply.v1",
                        r -> FloeLedgerProto.StakedReply.newBuilder().setChange(LedgerShapesMapper.toProto(r.change()))
                                .build(),
                        FloeLedgerProto.StakedReply.parser(),
                        p -> new StakeReply.Staked(LedgerShapesMapper.fromProto(p.getChange()))),
                Codec.of(StakeReply.InsufficientFunds.class, "ledger.StakeInsufficientFunds.v1",
                        r -> FloeLedgerProto.StakeInsufficientFunds.newBuilder().setBalance(r.balance())
                                .setAmount(r.amount()).build(),
                        FloeLedgerProto.StakeInsufficientFunds.parser(),
                        p -> new StakeReply.InsufficientFunds(p.getBalance(), p.getAmount())),
                // RequestWithdrawStake and WithdrawStake answer the protocol's record inside a StatusReply.
                Codec.of(StakeChange.class, "ledger.StakeChange.v1", LedgerShapesMapper::toProto,
                        FloeLedgerProto.StakeChange.parser(), LedgerShapesMapper::fromProto));
    }

    private List<Codec<?>> eventCodecs() {
        return List.of(
                Codec.of(SystemLedger.NextCommitteeSelected.class, "ledger.NextCommitteeSelected.v1",
                        e -> FloeLedgerProto.NextCommitteeSelected.newBuilder()
                                .setCommittee(SharedShapesMapper.toProto(e.committee())).build(),
                        FloeLedgerProto.NextCommitteeSelected.parser(),
                        p -> new SystemLedger.NextCommitteeSelected(SharedShapesMapper.fromProto(p.getCommittee()))),
                Codec.of(SystemLedger.EpochChangeStarted.class, "ledger.EpochChangeStarted.v1",
                        e -> FloeLedgerProto.EpochChangeStarted.newBuilder().setEpoch(e.epoch().value())
                                .setStartMillis(e.startMillis()).build(),
                        FloeLedgerProto.EpochChangeStarted.parser(),
                        p -> new SystemLedger.EpochChangeStarted(new Epoch(p.getEpoch()), p.getStartMillis())),
                Codec.of(SystemLedger.EpochStartRecorded.class, "ledger.EpochStartRecorded.v1",
                        e -> FloeLedgerProto.EpochStartRecorded.newBuilder().setEpoch(e.epoch().value())
                                .setStartMillis(e.startMillis()).build(),
                        FloeLedgerProto.EpochStartRecorded.parser(),
                        p -> new SystemLedger.EpochStartRecorded(new Epoch(p.getEpoch()), p.getStartMillis())),
                Codec.of(SystemLedger.ShardsSynced.class, "ledger.ShardsSynced.v1",
                        e -> FloeLedgerProto.ShardsSynced.newBuilder().setNodeId(e.node().value())
                                .setEpoch(e.epoch().value()).build(),
                        FloeLedgerProto.ShardsSynced.parser(),
                        p -> new SystemLedger.ShardsSynced(new NodeId(p.getNodeId()), new Epoch(p.getEpoch()))),
                Codec.of(SystemLedger.EpochChangeDone.class, "ledger.EpochChangeDone.v1",
                        e -> FloeLedgerProto.EpochChangeDone.newBuilder().setEpoch(e.epoch().value()).build(),
                        FloeLedgerProto.EpochChangeDone.parser(),
                        p -> new SystemLedger.EpochChangeDone(new Epoch(p.getEpoch()))),
                Codec.of(SystemLedger.Staked.class, "ledger.Staked.v1",
                        e -> FloeLedgerProto.Staked.newBuilder().setStake(LedgerShapesMapper.toProto(e.stake()))
                                .setRequestKey(LedgerShapesMapper.toProto(e.key())).build(),
                        FloeLedgerProto.Staked.parser(),
                        p -> new SystemLedger.Staked(LedgerShapesMapper.fromProto(p.getStake()),
                                LedgerShapesMapper.requestKey(p.getRequestKey()))),
                Codec.of(SystemLedger.StakeWithdrawalRequested.class, "ledger.StakeWithdrawalRequested.v1",
                        e -> FloeLedgerProto.StakeWithdrawalRequested.newBuilder()
                                .addAllStakes(LedgerShapesMapper.stakesToProto(e.stakes()))
                                .setRequestKey(LedgerShapesMapper.toProto(e.key())).build(),
                        FloeLedgerProto.StakeWithdrawalRequested.parser(),
                        p -> new SystemLedger.StakeWithdrawalRequested(LedgerShapesMapper.stakes(p.getStakesList()),
                                LedgerShapesMapper.requestKey(p.getRequestKey()))),
                Codec.of(SystemLedger.StakeWithdrawn.class, "ledger.StakeWithdrawn.v1",
                        e -> FloeLedgerProto.StakeWithdrawn.newBuilder()
                                .addAllStakes(LedgerShapesMapper.stakesToProto(e.stakes()))
                                .setRequestKey(LedgerShapesMapper.toProto(e.key())).build(),
                        FloeLedgerProto.StakeWithdrawn.parser(),
                        p -> new SystemLedger.StakeWithdrawn(LedgerShapesMapper.stakes(p.getStakesList()),
                                LedgerShapesMapper.requestKey(p.getRequestKey()))));
    }

    // --- commands ---

    public FloeLedgerProto.ReportShardsSynced toProto(SystemLedger.ReportShardsSynced c) {
        return FloeLedgerProto.ReportShardsSynced.newBuilder().setNodeId(c.node().value()).setEpoch(c.epoch().value())
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.ReportShardsSynced fromProto(FloeLedgerProto.ReportShardsSynced p) {
        return new SystemLedger.ReportShardsSynced(new NodeId(p.getNodeId()), new Epoch(p.getEpoch()),
                refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.Stake toProto(SystemLedger.Stake c) {
        return FloeLedgerProto.Stake.newBuilder().setAccount(c.account()).setNodeId(c.node().value())
                .setAmount(c.amount()).setRequestKey(c.key().value())
                .setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.Stake fromProto(FloeLedgerProto.Stake p) {
        return new SystemLedger.Stake(p.getAccount(), new NodeId(p.getNodeId()), p.getAmount(),
                LedgerShapesMapper.commandKey(p.getRequestKey()), refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.RequestWithdrawStake toProto(SystemLedger.RequestWithdrawStake c) {
        return FloeLedgerProto.RequestWithdrawStake.newBuilder().setAccount(c.account()).setNodeId(c.node().value())
                .setRequestKey(c.key().value()).setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.RequestWithdrawStake fromProto(FloeLedgerProto.RequestWithdrawStake p) {
        return new SystemLedger.RequestWithdrawStake(p.getAccount(), new NodeId(p.getNodeId()),
                LedgerShapesMapper.commandKey(p.getRequestKey()), refs.resolveActorRef(p.getReplyTo()));
    }

    public FloeLedgerProto.WithdrawStake toProto(SystemLedger.WithdrawStake c) {
        return FloeLedgerProto.WithdrawStake.newBuilder().setAccount(c.account()).setNodeId(c.node().value())
                .setRequestKey(c.key().value()).setReplyTo(refs.toSerializationFormat(c.replyTo())).build();
    }

    public SystemLedger.WithdrawStake fromProto(FloeLedgerProto.WithdrawStake p) {
        return new SystemLedger.WithdrawStake(p.getAccount(), new NodeId(p.getNodeId()),
                LedgerShapesMapper.commandKey(p.getRequestKey()), refs.resolveActorRef(p.getReplyTo()));
    }
}
