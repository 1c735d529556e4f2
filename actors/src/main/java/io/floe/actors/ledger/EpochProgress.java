package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the ledger's current epoch is in Walrus's epoch state machine: the state, when the epoch started (epoch
 * milliseconds of the ledger's clock), the committee shards move away from while they sync, the next committee once
 * selected, and the members of the current committee that hold their shards.
 *
 * <p>Invariants: immutable; {@code previous} only in {@link EpochState#EPOCH_CHANGE_SYNC}, {@code next} only in
 * {@link EpochState#NEXT_PARAMS_SELECTED}; {@code synced} only grows within an epoch and is emptied when the next
 * one starts; a {@code startMillis} of {@link #UNKNOWN_START} (journals and snapshots from before epochs turned)
 * means the current epoch's start is not known yet.
 */
public record EpochProgress(EpochState state, long startMillis, Optional<Committee> previous,
                            Optional<Committee> next, Set<NodeId> synced) {
    /** The start read from journals and snapshots written before epochs had one (the Protobuf default). */
    public static final long UNKNOWN_START = 0;

    public EpochProgress {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        synced = Collections.unmodifiableSet(new TreeSet<>(synced));
    }

    /** Before the first committee forms. */
    public static EpochProgress initial() {
        return new EpochProgress(EpochState.EPOCH_CHANGE_DONE, 0, Optional.empty(), Optional.empty(), Set.of());
    }

    /** The genesis epoch, started at {@code millis}: nothing moves, nothing selected. */
    EpochProgress formed(long millis) {
        return new EpochProgress(EpochState.EPOCH_CHANGE_DONE, millis, Optional.empty(), Optional.empty(), synced);
    }

    /** Whether the current epoch's start is known (it is not in journals from before epochs turned). */
    boolean startKnown() {
        return startMillis != UNKNOWN_START;
    }

    /** The same place in the machine, with the current epoch counted from {@code millis}. */
    EpochProgress startedAt(long millis) {
        return new EpochProgress(state, millis, previous, next, synced);
    }

    EpochProgress selected(Committee nextCommittee) {
        return new EpochProgress(EpochState.NEXT_PARAMS_SELECTED, startMillis, Optional.empty(),
                Optional.of(nextCommittee), synced);
    }

    /** The next epoch started at {@code millis}; shards move away from {@code old}. */
    EpochProgress changeStarted(Committee old, long millis) {
        return new EpochProgress(EpochState.EPOCH_CHANGE_SYNC, millis, Optional.of(old), Optional.empty(), Set.of());
    }

    EpochProgress withSynced(NodeId node) {
        Set<NodeId> more = new TreeSet<>(synced);
        more.add(node);
        return new EpochProgress(state, startMillis, previous, next, more);
    }

    /** The change is done: the previous committee is no longer needed for reads. */
    EpochProgress changeDone() {
        return new EpochProgress(EpochState.EPOCH_CHANGE_DONE, startMillis, Optional.empty(), Optional.empty(),
                synced);
    }
}
