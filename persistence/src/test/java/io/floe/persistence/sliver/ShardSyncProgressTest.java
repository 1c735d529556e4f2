package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.protocol.committee.Epoch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardSyncProgressTest {
    private static final Epoch E = new Epoch(3);
    private static final ShardIndex SHARD = new ShardIndex(4);

    @TempDir
    Path dir;

    @Test
    void keepsCursorsAndMarksPerEpochShardAndTypeAcrossAReopen() {
        BlobId next = BlobId.of(new byte[BlobId.LENGTH]);
        try (SliverStore store = SliverStore.open(dir)) {
            ShardSyncProgress progress = new ShardSyncProgress(store);
            assertEquals(Optional.empty(), progress.cursor(E, SHARD, SliverType.PRIMARY));
            progress.advance(E, SHARD, SliverType.PRIMARY, next);
            progress.markPulled(E, SHARD, SliverType.SECONDARY);
            progress.markRecovering(E, new ShardIndex(5));
            progress.markRechecked(E, Instant.ofEpochMilli(1234));
            progress.markReported(E.plus(1));
        }
        try (SliverStore store = SliverStore.open(dir)) {
            ShardSyncProgress progress = new ShardSyncProgress(store);
            assertEquals(Optional.of(next), progress.cursor(E, SHARD, SliverType.PRIMARY));
            assertEquals(Optional.empty(), progress.cursor(E, SHARD, SliverType.SECONDARY));
            assertEquals(Optional.empty(), progress.cursor(E.plus(1), SHARD, SliverType.PRIMARY));
            assertTrue(progress.pulled(E, SHARD, SliverType.SECONDARY));
            assertFalse(progress.pulled(E, SHARD, SliverType.PRIMARY));
            assertTrue(progress.recovering(E, new ShardIndex(5)));
            assertFalse(progress.recovering(E, SHARD));
            assertTrue(progress.rechecked(E));
            assertEquals(Optional.of(Instant.ofEpochMilli(1234)), progress.recheckedAt(E));
            assertTrue(progress.reported(E.plus(1)));
            assertFalse(progress.reported(E));
            assertFalse(progress.finished(E));
            progress.markFinished(E);
            assertTrue(progress.finished(E));
            assertEquals(List.of(), store.shards(), "progress records are no shard family");
        }
    }

    @Test
    void remembersTheGainedShardsOfEveryEpochNotFinishedAcrossAReopen() {
        try (SliverStore store = SliverStore.open(dir)) {
            ShardSyncProgress progress = new ShardSyncProgress(store);
            assertEquals(List.of(), progress.unfinished());
            progress.markStarted(E, List.of(SHARD, new ShardIndex(300)));
            progress.markStarted(E, List.of(new ShardIndex(1)));
            progress.markStarted(E.plus(1), List.of(new ShardIndex(1)));
        }
        try (SliverStore store = SliverStore.open(dir)) {
            ShardSyncProgress progress = new ShardSyncProgress(store);
            assertEquals(Optional.of(List.of(SHARD, new ShardIndex(300))), progress.started(E), "the first record");
            assertEquals(List.of(E, E.plus(1)), progress.unfinished());
            progress.markFinished(E);
            assertEquals(List.of(E.plus(1)), progress.unfinished());
            assertEquals(Optional.empty(), progress.started(E.plus(2)));
        }
    }

    @Test
    void rangeReadAnswersSliversInBlobIdOrderFromTheStartBoundedByCountAndBytes() {
        try (SliverStore store = SliverStore.open(dir)) {
            List<EncodedBlob> blobs = IntStream.range(0, 6).mapToObj(i -> SliverStoreTest.encode(i, 2000 + i)).toList();
            blobs.forEach(b -> SliverStoreTest.storeEverywhere(store, b));
            List<BlobId> ids = blobs.stream().map(EncodedBlob::blobId)
                    .sorted(Comparator.comparing(id -> java.util.HexFormat.of().formatHex(id.bytes()))).toList();
            ShardIndex shard = new ShardIndex(2);

            List<ShardSliver> all = store.slivers(shard, SliverType.PRIMARY, null, 100, Long.MAX_VALUE);
            assertEquals(ids, all.stream().map(ShardSliver::blobId).toList());
            assertEquals(store.sliver(shard, SliverType.PRIMARY, ids.get(0)), Optional.of(all.get(0).sliver()));

            List<ShardSliver> page = store.slivers(shard, SliverType.SECONDARY, ids.get(2), 2, Long.MAX_VALUE);
            assertEquals(ids.subList(2, 4), page.stream().map(ShardSliver::blobId).toList(), "inclusive start");
            assertEquals(1, store.slivers(shard, SliverType.SECONDARY, null, 100, 1).size(), "one at least");
            assertEquals(List.of(), store.slivers(new ShardIndex(6), SliverType.PRIMARY, null, 0, 1));
        }
    }
}
