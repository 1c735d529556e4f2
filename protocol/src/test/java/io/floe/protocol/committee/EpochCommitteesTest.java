package io.floe.protocol.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who holds a shard during a change: the new owner once it synced, else the previous one. */
class EpochCommitteesTest {
    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");
    private static final NodeId C = new NodeId("c");
    /** Epoch 2: a and b; epoch 3: b and c, shard 0 moves a -> c, shard 1 a -> b, shards 2, 3 stay with b. */
    private static final Committee BEFORE = committee(2, List.of(A, B), List.of(A, A, B, B));
    private static final Committee AFTER = committee(3, List.of(B, C), List.of(C, B, B, B));

    @Test
    void holdersAreThePreviousOwnersUntilTheNewOnesSynced() {
        EpochCommittees moving = changing(Set.of());
        assertEquals(List.of(A, A, B, B), moving.holders().shardOwners());
        assertEquals(A, moving.holderOf(new ShardIndex(0)));
        assertEquals(List.of(B, C, A), moving.holders().members().stream().map(StorageNodeInfo::id).toList());

        EpochCommittees bSynced = changing(Set.of(B));
        assertEquals(List.of(A, B, B, B), bSynced.holders().shardOwners(), "b's gain is held by b once it synced");
        assertEquals(List.of(C, B, B, B), changing(Set.of(B, C)).holders().shardOwners());
    }

    @Test
    void withNothingMovingTheHoldersAreTheCommittee() {
        EpochCommittees done = new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, Instant.EPOCH, Duration.ofMinutes(1),
                AFTER, Optional.empty(), Optional.empty(), Set.of());
        assertSame(AFTER, done.holders());
    }

    @Test
    void aPreviousCommitteeIsKnownOnlyWhileShardsMove() {
        assertThrows(IllegalArgumentException.class, () -> new EpochCommittees(EpochState.EPOCH_CHANGE_DONE,
                Instant.EPOCH, Duration.ofMinutes(1), AFTER, Optional.of(BEFORE), Optional.empty(), Set.of()));
    }

    private static EpochCommittees changing(Set<NodeId> synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofMinutes(1), AFTER,
                Optional.of(BEFORE), Optional.empty(), synced);
    }

    private static Committee committee(int epoch, List<NodeId> members, List<NodeId> owners) {
        return new Committee(new Epoch(epoch), members.stream().map(id -> new StorageNodeInfo(id,
                "http://" + id.value(), Ed25519PublicKey.of(new byte[32]), 1)).toList(), owners);
    }
}
