package io.floe.actors.serialization;

import static io.floe.actors.serialization.SharedShapesMapper.nodeIds;
import static io.floe.actors.serialization.SharedShapesMapper.values;

import io.floe.actors.ledger.RequestKey;
import io.floe.actors.ledger.StakeReceipts;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.PoolParams;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.proto.FloeLedgerProto;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Protobuf mapping of the ledger's epoch and staking shapes (epoch states, committees of an epoch, pools, stakes)
 * that several ledger messages carry, for {@link LedgerMessagesMapper} and {@link LedgerEpochMessagesMapper}.
 *
 * <p>Invariant: the one place each of these shapes is mapped; absent fields read as what records written before
 * epochs and staking existed mean (the default pool, the done state).
 */
final class LedgerShapesMapper {
    private LedgerShapesMapper() {
    }

    static FloeLedgerProto.EpochStateProto toProto(EpochState state) {
        return switch (state) {
            case EPOCH_CHANGE_SYNC -> FloeLedgerProto.EpochStateProto.EPOCH_CHANGE_SYNC;
            case EPOCH_CHANGE_DONE -> FloeLedgerProto.EpochStateProto.EPOCH_CHANGE_DONE;
            case NEXT_PARAMS_SELECTED -> FloeLedgerProto.EpochStateProto.NEXT_PARAMS_SELECTED;
        };
    }

    static EpochState fromProto(FloeLedgerProto.EpochStateProto state) {
        return switch (state) {
            case EPOCH_CHANGE_SYNC -> EpochState.EPOCH_CHANGE_SYNC;
            case NEXT_PARAMS_SELECTED -> EpochState.NEXT_PARAMS_SELECTED;
            case EPOCH_CHANGE_DONE -> EpochState.EPOCH_CHANGE_DONE;
            default -> throw new IllegalArgumentException("unknown epoch state " + state);
        };
    }

    static Optional<Committee> committee(boolean present, FloeLedgerProto.Committee p) {
        return present ? Optional.of(SharedShapesMapper.fromProto(p)) : Optional.empty();
    }

    static FloeLedgerProto.EpochCommittees toProto(EpochCommittees e) {
        FloeLedgerProto.EpochCommittees.Builder b = FloeLedgerProto.EpochCommittees.newBuilder()
                .setState(toProto(e.state())).setStartMillis(e.startOfCurrentEpoch().toEpochMilli())
                .setDurationMillis(e.epochDuration().toMillis()).setCurrent(SharedShapesMapper.toProto(e.current()));
        e.previous().ifPresent(c -> b.setPrevious(SharedShapesMapper.toProto(c)));
        e.next().ifPresent(c -> b.setNext(SharedShapesMapper.toProto(c)));
        return b.addAllSynced(values(e.synced().stream().sorted().toList())).build();
    }

    static EpochCommittees fromProto(FloeLedgerProto.EpochCommittees p) {
        return new EpochCommittees(fromProto(p.getState()), Instant.ofEpochMilli(p.getStartMillis()),
                Duration.ofMillis(p.getDurationMillis()), SharedShapesMapper.fromProto(p.getCurrent()),
                committee(p.hasPrevious(), p.getPrevious()), committee(p.hasNext(), p.getNext()),
                new HashSet<>(nodeIds(p.getSyncedList())));
    }

    static FloeLedgerProto.PoolParams toProto(PoolParams p) {
        return FloeLedgerProto.PoolParams.newBuilder().setCommissionRate(p.commissionRate()).setCapacity(p.capacity())
                .setStoragePrice(p.storagePrice()).setWritePrice(p.writePrice()).build();
    }

    /** {@code present}: the field's {@code has...()}; an absent pool is {@link PoolParams#DEFAULT}. */
    static PoolParams pool(boolean present, FloeLedgerProto.PoolParams p) {
        return present ? new PoolParams(p.getCommissionRate(), p.getCapacity(), p.getStoragePrice(), p.getWritePrice())
                : PoolParams.DEFAULT;
    }

    static FloeLedgerProto.StakedWal toProto(StakedWal s) {
        FloeLedgerProto.StakedWal.Builder b = FloeLedgerProto.StakedWal.newBuilder().setId(s.id())
                .setNodeId(s.node().value()).setOwner(s.owner()).setPrincipal(s.principal())
                .setActivationEpoch(s.activationEpoch().value());
        s.withdrawEpoch().ifPresent(e -> b.setWithdrawEpoch(e.value()));
        return b.build();
    }

    static StakedWal fromProto(FloeLedgerProto.StakedWal p) {
        return new StakedWal(p.getId(), new NodeId(p.getNodeId()), p.getOwner(), p.getPrincipal(),
                new Epoch(p.getActivationEpoch()),
                SharedShapesMapper.epoch(p.hasWithdrawEpoch(), p.getWithdrawEpoch()));
    }

    static List<FloeLedgerProto.StakedWal> stakesToProto(List<StakedWal> stakes) {
        return stakes.stream().map(LedgerShapesMapper::toProto).toList();
    }

    static List<StakedWal> stakes(List<FloeLedgerProto.StakedWal> stakes) {
        return stakes.stream().map(LedgerShapesMapper::fromProto).toList();
    }

    static FloeLedgerProto.StakeChange toProto(StakeChange c) {
        return FloeLedgerProto.StakeChange.newBuilder().addAllStakes(stakesToProto(c.stakes())).setAmount(c.amount())
                .setBalanceAfter(c.balanceAfter()).build();
    }

    static StakeChange fromProto(FloeLedgerProto.StakeChange p) {
        return new StakeChange(stakes(p.getStakesList()), p.getAmount(), p.getBalanceAfter());
    }

    /** A request key's wire form: empty for none. */
    static String toProto(Optional<RequestKey> key) {
        return key.map(RequestKey::value).orElse("");
    }

    /** An event's request key: empty in events from before keys. */
    static Optional<RequestKey> requestKey(String key) {
        return key.isEmpty() ? Optional.empty() : Optional.of(new RequestKey(key));
    }

    /**
     * A command's request key. A sender from before keys sends none: it gets a fresh one, which no retry shares, so
     * its command is handled as before keys (not deduplicated).
     */
    static RequestKey commandKey(String key) {
        return key.isEmpty() ? RequestKey.random() : new RequestKey(key);
    }

    /** The receipts oldest first, the order {@link #receipts} restores. */
    static List<FloeLedgerProto.StakeReceipt> receiptsToProto(StakeReceipts receipts) {
        return receipts.byKey().entrySet().stream().map(e -> FloeLedgerProto.StakeReceipt.newBuilder()
                .setRequestKey(e.getKey().value()).setOperation(toProto(e.getValue().operation()))
                .setChange(toProto(e.getValue().change())).build()).toList();
    }

    static StakeReceipts receipts(List<FloeLedgerProto.StakeReceipt> receipts) {
        Map<RequestKey, StakeReceipts.Receipt> byKey = new LinkedHashMap<>();
        receipts.forEach(r -> byKey.put(new RequestKey(r.getRequestKey()),
                new StakeReceipts.Receipt(fromProto(r.getOperation()), fromProto(r.getChange()))));
        return new StakeReceipts(byKey);
    }

    static FloeLedgerProto.StakeOperation toProto(StakeReceipts.Operation operation) {
        return switch (operation) {
            case STAKE -> FloeLedgerProto.StakeOperation.STAKE_OPERATION_STAKE;
            case REQUEST_WITHDRAWAL -> FloeLedgerProto.StakeOperation.STAKE_OPERATION_REQUEST_WITHDRAWAL;
            case WITHDRAWAL -> FloeLedgerProto.StakeOperation.STAKE_OPERATION_WITHDRAWAL;
        };
    }

    static StakeReceipts.Operation fromProto(FloeLedgerProto.StakeOperation operation) {
        return switch (operation) {
            case STAKE_OPERATION_STAKE -> StakeReceipts.Operation.STAKE;
            case STAKE_OPERATION_REQUEST_WITHDRAWAL -> StakeReceipts.Operation.REQUEST_WITHDRAWAL;
            case STAKE_OPERATION_WITHDRAWAL -> StakeReceipts.Operation.WITHDRAWAL;
            default -> throw new IllegalArgumentException("unknown staking operation " + operation);
        };
    }
}
