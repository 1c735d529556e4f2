package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProgressTest {
    @TempDir
    Path dir;

    @Test
    void keepsCursorBacklogAndMarksAcrossAReopen() {
        BlobId queued = id(1);
        BlobId invalid = id(2);
        try (SliverStore store = SliverStore.open(dir)) {
            NodeProgress progress = new NodeProgress(store);
            assertEquals(Optional.empty(), progress.cursor());
            progress.putBacklog(BacklogEntry.fresh(queued, 1234).retried(BacklogEntry.Kind.REPORT, 5678, "no peers"),
                    false);
            progress.markCertified(queued);
            progress.markInvalid(invalid);
            progress.commitCursor("seq:42");
        }
        try (SliverStore store = SliverStore.open(dir)) {
            NodeProgress progress = new NodeProgress(store);
            assertEquals(Optional.of("seq:42"), progress.cursor());
            assertEquals(List.of(new BacklogEntry(queued, BacklogEntry.Kind.REPORT, 1, 5678, "no peers")),
                    progress.backlog());
            assertTrue(progress.isCertified(queued));
            assertFalse(progress.isCertified(invalid));
            assertTrue(progress.isInvalid(invalid));
            progress.removeBacklog(queued);
            assertTrue(progress.backlog().isEmpty());
            assertEquals(List.of(), store.shards(), "progress records are not sliver families");
        }
    }

    @Test
    void listsEveryCertifiedBlobAcrossPagesWhileTheActionWrites() {
        TreeSet<BlobId> expected = new TreeSet<>((a, b) -> java.util.Arrays.compareUnsigned(a.bytes(), b.bytes()));
        try (SliverStore store = SliverStore.open(dir)) {
            NodeProgress progress = new NodeProgress(store);
            for (int i = 0; i < 2500; i++) {
                progress.markCertified(id(i));
                expected.add(id(i));
            }
            List<BlobId> seen = new ArrayList<>();
            progress.forEachCertified(blobId -> {
                seen.add(blobId);
                progress.putBacklog(BacklogEntry.fresh(blobId, 0), false);
            });
            assertEquals(new ArrayList<>(expected), seen);
            assertEquals(2500, progress.backlog().size());
        }
    }

    @Test
    void requestedRecheckSurvivesUntilCleared() {
        try (SliverStore store = SliverStore.open(dir)) {
            new NodeProgress(store).requestRecheckAll();
        }
        try (SliverStore store = SliverStore.open(dir)) {
            NodeProgress progress = new NodeProgress(store);
            assertTrue(progress.recheckAllRequested());
            progress.clearRecheckAll();
            assertFalse(progress.recheckAllRequested());
        }
    }

    @Test
    void deletesOneSliverOrOneFamilyAndLeavesTheRest() {
        EncodedBlob blob = SliverStoreTest.encode(7, 2000);
        ShardIndex shard = new ShardIndex(2);
        try (SliverStore store = SliverStore.open(dir)) {
            store.putMetadata(blob.metadata());
            store.putSliver(shard, blob.blobId(), blob.pair(new SliverPairIndex(2)).primary());
            store.putSliver(shard, blob.blobId(), blob.pair(new SliverPairIndex(2)).secondary());
            store.deleteSliver(shard, SliverType.PRIMARY, blob.blobId());
            assertFalse(store.hasSliver(shard, SliverType.PRIMARY, blob.blobId()));
            assertTrue(store.hasSliver(shard, SliverType.SECONDARY, blob.blobId()));
            store.dropSlivers(shard, SliverType.SECONDARY);
            assertFalse(store.hasSliver(shard, SliverType.SECONDARY, blob.blobId()));
            assertTrue(store.hasMetadata(blob.blobId()));
            store.deleteMetadata(blob.blobId());
            assertFalse(store.hasMetadata(blob.blobId()));
        }
    }

    private static BlobId id(int i) {
        byte[] bytes = new byte[BlobId.LENGTH];
        bytes[0] = (byte) (i * 37);
        bytes[1] = (byte) (i >>> 8);
        bytes[31] = (byte) i;
        return BlobId.of(bytes);
    }
}
