package io.floe.node.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node a, with a real sliver store, through the change from epoch 1 (a owns shards 0-2, b owns 3) to epoch 2 (a keeps
 * 0, gives 1 and 2 to b).
 */
class MovedShardDropperTest {
    private static final int N = 4;
    private static final NodeId A = new NodeId("a");
    private static final NodeId B = new NodeId("b");
    private static final ShardIndex KEPT = new ShardIndex(0);
    private static final ShardIndex MOVED = new ShardIndex(1);
    private static final ShardIndex MOVED_STILL_RUNNING = new ShardIndex(2);

    @TempDir
    Path dir;
    private SliverStore store;
    private final HostedShards hosted = new HostedShards();
    private final AtomicReference<EpochCommittees> epochs = new AtomicReference<>();
    private MovedShardDropper dropper;
    private EncodedBlob blob;

    @BeforeEach
    void open() {
        store = SliverStore.open(dir);
        dropper = new MovedShardDropper(A, () -> Optional.ofNullable(epochs.get()), store, hosted);
        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        blob = new BlobEncoder(new EncodingConfig(N)).encode(data);
        store.putMetadata(blob.metadata());
        for (ShardIndex shard : List.of(KEPT, MOVED, MOVED_STILL_RUNNING)) {
            SliverPair pair = blob.pair(SliverPairIndex.onShard(shard, blob.blobId().rotation(N), N));
            store.putSliver(shard, blob.blobId(), pair.primary());
            store.putSliver(shard, blob.blobId(), pair.secondary());
            hosted.add(shard);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void dropsNothingBeforeACommitteeIsKnownOrWhileTheChangeIsInProgress() {
        assertEquals(List.of(), dropper.poll());
        epochs.set(EpochCommittees.genesis(committee(new Epoch(1), A, A, A, B), Instant.EPOCH, Duration.ofDays(1)));
        assertEquals(List.of(), dropper.poll());
        hosted.remove(MOVED);
        epochs.set(changing(Set.of(A, B)));

        assertEquals(List.of(), dropper.poll(), "b may still be pulling the shard from here");
        assertEquals(List.of(KEPT, MOVED, MOVED_STILL_RUNNING), store.shards());
    }

    @Test
    void dropsMovedShardsOnceTheChangeIsDoneAndKeepsItsOwn() {
        epochs.set(changing(Set.of(A, B)));
        dropper.poll();
        hosted.remove(MOVED);
        epochs.set(done());

        List<ShardIndex> dropped = dropper.poll();

        assertEquals(List.of(MOVED), dropped);
        assertEquals(List.of(KEPT, MOVED_STILL_RUNNING), store.shards());
        assertFalse(store.hasSliver(MOVED, SliverType.PRIMARY, blob.blobId()));
        assertFalse(store.hasSliver(MOVED, SliverType.SECONDARY, blob.blobId()));
        assertTrue(store.hasSliver(KEPT, SliverType.PRIMARY, blob.blobId()));
        assertTrue(store.hasSliver(KEPT, SliverType.SECONDARY, blob.blobId()));
        assertTrue(store.hasMetadata(blob.blobId()), "metadata is per blob, not per shard");
    }

    @Test
    void dropsAShardStillRunningHereOnlyOnceItHasMovedAndThenStops() {
        hosted.remove(MOVED);
        epochs.set(done());
        assertEquals(List.of(MOVED), dropper.poll());
        assertEquals(List.of(), dropper.poll(), "shard 2 still runs here");

        hosted.remove(MOVED_STILL_RUNNING);
        assertEquals(List.of(MOVED_STILL_RUNNING), dropper.poll());
        // Whatever appears now (a family created behind its back) waits for the next epoch's pass.
        store.putSliver(MOVED, blob.blobId(), blob.pair(SliverPairIndex.onShard(MOVED, blob.blobId().rotation(N), N))
                .primary());
        assertEquals(List.of(), dropper.poll());
        assertEquals(List.of(KEPT, MOVED), store.shards());
    }

    @Test
    void dropsEveryShardOfANodeThatLeftTheCommittee() {
        hosted.remove(KEPT);
        hosted.remove(MOVED);
        hosted.remove(MOVED_STILL_RUNNING);
        epochs.set(new EpochCommittees(EpochState.NEXT_PARAMS_SELECTED, Instant.EPOCH, Duration.ofDays(1),
                committee(new Epoch(2), B, B, B, B), Optional.empty(), Optional.of(committee(new Epoch(3), B, B, B, B)),
                Set.of()));

        assertEquals(List.of(KEPT, MOVED, MOVED_STILL_RUNNING), dropper.poll());
        assertEquals(List.of(), store.shards());
    }

    private static EpochCommittees changing(Set<NodeId> synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofDays(1),
                committee(new Epoch(2), A, B, B, B), Optional.of(committee(new Epoch(1), A, A, A, B)), Optional.empty(),
                synced);
    }

    private static EpochCommittees done() {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, Instant.EPOCH, Duration.ofDays(1),
                committee(new Epoch(2), A, B, B, B), Optional.empty(), Optional.empty(), Set.of());
    }

    private static Committee committee(Epoch epoch, NodeId... owners) {
        List<StorageNodeInfo> members = java.util.stream.Stream.of(owners).distinct()
                .map(id -> new StorageNodeInfo(id, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 1)).toList();
        return new Committee(epoch, members, List.of(owners));
    }
}
