package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StakeApportionment;
import io.floe.protocol.committee.StorageNodeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of Walrus's epoch state machine, as the events that record them; the {@link SystemLedger} persists
 * what these answer. Pure functions of the ledger's state and the time.
 *
 * <p>Rules: at the epoch's middle, in {@link EpochState#EPOCH_CHANGE_DONE}, the next committee is selected by stake
 * with minimal shard movement; at its end, in {@link EpochState#NEXT_PARAMS_SELECTED}, the next epoch starts and
 * every member that gains no shard counts as synced in the same step; once the synced members hold a quorum of
 * shards the change is done. A new epoch never starts from {@link EpochState#EPOCH_CHANGE_SYNC}.
 */
final class EpochMachine {
    private EpochMachine() {
    }

    /**
     * The events one tick at {@code nowMillis} takes (at most one step; none when nothing is due). A ledger whose
     * current epoch has no known start (recovered from before epochs turned) records {@code nowMillis} as that start
     * and takes no step: counted from 1970, the epoch would be long over and would end at once.
     */
    static List<SystemLedger.Event> step(LedgerState state, long nowMillis) {
        if (state.committee().isEmpty()) {
            return List.of();
        }
        if (!state.progress().startKnown()) {
            return List.of(new SystemLedger.EpochStartRecorded(state.epoch(), nowMillis));
        }
        long start = state.progress().startMillis();
        long duration = state.requireGenesis().epochDuration().toMillis();
        EpochState at = state.epochState();
        if (at == EpochState.EPOCH_CHANGE_DONE && nowMillis >= start + duration / 2) {
            return List.of(new SystemLedger.NextCommitteeSelected(selectNext(state)));
        }
        if (at == EpochState.NEXT_PARAMS_SELECTED && nowMillis >= start + duration) {
            return startNext(state, nowMillis);
        }
        return List.of();
    }

    /**
     * The committee of the next epoch: every registered node whose stake counts then, shards by D'Hondt moving as
     * few as possible; with no stake anywhere, the current members keep their shards.
     */
    static Committee selectNext(LedgerState state) {
        Committee current = state.committee().orElseThrow();
        Epoch next = current.epoch().plus(1);
        List<StorageNodeInfo> staked = state.stakedNodes(next);
        if (staked.isEmpty()) {
            List<StorageNodeInfo> unstaked = current.members().stream()
                    .map(m -> m.withStake(0)).toList();
            return new Committee(next, unstaked, current.shardOwners());
        }
        return StakeApportionment.next(current, staked);
    }

    private static List<SystemLedger.Event> startNext(LedgerState state, long nowMillis) {
        Committee old = state.committee().orElseThrow();
        Committee next = state.progress().next().orElseThrow();
        List<SystemLedger.Event> events = new ArrayList<>();
        events.add(new SystemLedger.EpochChangeStarted(next.epoch(), nowMillis));
        Set<NodeId> synced = new HashSet<>();
        for (StorageNodeInfo member : next.members()) {
            if (gainsNoShard(old, next, member.id())) {
                synced.add(member.id());
                events.add(new SystemLedger.ShardsSynced(member.id(), next.epoch()));
            }
        }
        if (next.isQuorum(next.weightOf(synced))) {
            events.add(new SystemLedger.EpochChangeDone(next.epoch()));
        }
        return events;
    }

    /** Whether {@code node} held in {@code old} every shard it holds in {@code next}. */
    static boolean gainsNoShard(Committee old, Committee next, NodeId node) {
        for (int k = 0; k < next.nShards(); k++) {
            if (next.shardOwners().get(k).equals(node) && !old.shardOwners().get(k).equals(node)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a sync report of {@code node} for the current epoch records: nothing when the change is done or the node
     * reported before, else its report and, if the synced members now hold a quorum, the change's end.
     */
    static List<SystemLedger.Event> syncReported(LedgerState state, NodeId node) {
        Committee current = state.committee().orElseThrow();
        if (state.changeDone() || state.progress().synced().contains(node)) {
            return List.of();
        }
        Set<NodeId> synced = new HashSet<>(state.progress().synced());
        synced.add(node);
        List<SystemLedger.Event> events = new ArrayList<>();
        events.add(new SystemLedger.ShardsSynced(node, current.epoch()));
        if (current.isQuorum(current.weightOf(synced))) {
            events.add(new SystemLedger.EpochChangeDone(current.epoch()));
        }
        return events;
    }

    /** Why a sync report cannot be taken, if it cannot: a future epoch, or a node outside the committee. */
    static Optional<String> syncReportProblem(LedgerState state, NodeId node, Epoch epoch) {
        if (state.committee().isEmpty() || epoch.compareTo(state.epoch()) > 0) {
            return Optional.of("epoch " + epoch + " has not started; the ledger is in epoch " + state.epoch());
        }
        if (epoch.equals(state.epoch()) && state.committee().get().member(node).isEmpty()) {
            return Optional.of("node " + node + " is not in the committee of epoch " + epoch);
        }
        return Optional.empty();
    }
}
