package io.floe.protocol.committee;

import io.floe.encoding.index.ShardIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The committees a member must know at one moment: the current epoch's, the previous one's while shards are still
 * moving away from it, and the next one's once selected; with the epoch's state, start and length, and the new
 * owners that have reported their shards synced.
 *
 * <p>Invariants: {@code current.epoch()} is the current epoch; {@code previous} is present exactly in
 * {@link EpochState#EPOCH_CHANGE_SYNC} after the first epoch and is the epoch before; {@code next} is present exactly
 * in {@link EpochState#NEXT_PARAMS_SELECTED} and is the epoch after; all have the same shard count.
 *
 * @param synced the members of {@code current} that reported their sync for this epoch done
 */
public record EpochCommittees(EpochState state, Instant startOfCurrentEpoch, Duration epochDuration,
                              Committee current, Optional<Committee> previous, Optional<Committee> next,
                              Set<NodeId> synced) {
    public EpochCommittees {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startOfCurrentEpoch, "startOfCurrentEpoch");
        Objects.requireNonNull(epochDuration, "epochDuration");
        Objects.requireNonNull(current, "current");
        synced = Set.copyOf(synced);
        previous.ifPresent(p -> requireEpoch(p, current.epoch().value() - 1, current.nShards(), "previous"));
        next.ifPresent(x -> requireEpoch(x, current.epoch().value() + 1, current.nShards(), "next"));
        if (previous.isPresent() != (state == EpochState.EPOCH_CHANGE_SYNC && current.epoch().value() > 1)) {
            throw new IllegalArgumentException("a previous committee is known exactly while shards move");
        }
        if (next.isPresent() != (state == EpochState.NEXT_PARAMS_SELECTED)) {
            throw new IllegalArgumentException("a next committee is known exactly once selected");
        }
    }

    /** The genesis epoch's view: one committee, nothing moving, nothing selected. */
    public static EpochCommittees genesis(Committee committee, Instant start, Duration epochDuration) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, start, epochDuration, committee, Optional.empty(),
                Optional.empty(), Set.of());
    }

    public Epoch epoch() {
        return current.epoch();
    }

    /**
     * The node that holds shard {@code k}'s data now: its owner in the current committee once that owner has synced
     * it (or nothing moves), else its owner in the previous committee.
     */
    public NodeId holderOf(ShardIndex shard) {
        NodeId owner = current.ownerOf(shard);
        if (previous.isEmpty() || synced.contains(owner)) {
            return owner;
        }
        return previous.get().ownerOf(shard);
    }

    /**
     * The committee of who holds each shard's data now ({@link #holderOf}), for peers to ask: the current epoch, the
     * current members and, while shards move, the previous members that still hold some.
     */
    public Committee holders() {
        if (previous.isEmpty()) {
            return current;
        }
        List<NodeId> owners = new ArrayList<>(current.nShards());
        Map<NodeId, StorageNodeInfo> members = new LinkedHashMap<>();
        current.members().forEach(m -> members.put(m.id(), m));
        for (int k = 0; k < current.nShards(); k++) {
            NodeId holder = holderOf(new ShardIndex(k));
            owners.add(holder);
            if (!members.containsKey(holder)) {
                members.put(holder, previous.get().member(holder).orElseThrow());
            }
        }
        return new Committee(current.epoch(), List.copyOf(members.values()), owners);
    }

    /** Whether shard {@code k} changes owner in this epoch's change (only while the previous committee is known). */
    public boolean isMoving(ShardIndex shard) {
        return previous.isPresent() && !previous.get().ownerOf(shard).equals(current.ownerOf(shard));
    }

    private static void requireEpoch(Committee c, int epoch, int nShards, String which) {
        if (c.epoch().value() != epoch || c.nShards() != nShards) {
            throw new IllegalArgumentException("the " + which + " committee is of epoch " + c.epoch() + " with "
                    + c.nShards() + " shards; expected epoch " + epoch + " with " + nShards);
        }
    }
}
