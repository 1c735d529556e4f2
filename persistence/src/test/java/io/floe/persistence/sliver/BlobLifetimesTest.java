package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobLifetimesTest {
    @TempDir
    Path dir;

    @Test
    void keepsLifetimesDropMarksAndDeletedObjectsAcrossAReopen() {
        BlobId kept = id(1);
        BlobId dropped = id(2);
        ObjectId deleted = ObjectId.random();
        try (SliverStore store = SliverStore.open(dir)) {
            BlobLifetimes lifetimes = new BlobLifetimes(store);
            assertEquals(Optional.empty(), lifetimes.keptUntil(kept));
            lifetimes.keep(kept, new Epoch(7));
            lifetimes.keep(dropped, new Epoch(3));
            lifetimes.markDropped(dropped);
            lifetimes.markObjectDeleted(kept, deleted);
        }
        try (SliverStore store = SliverStore.open(dir)) {
            BlobLifetimes lifetimes = new BlobLifetimes(store);
            assertEquals(Optional.of(new Epoch(7)), lifetimes.keptUntil(kept));
            assertTrue(lifetimes.isDropped(dropped));
            assertEquals(Optional.of(new Epoch(3)), lifetimes.keptUntil(dropped), "kept until its data is deleted");
            assertFalse(lifetimes.isDropped(kept));
            assertEquals(Set.of(deleted), lifetimes.deletedObjects(kept));
            assertEquals(Set.of(), lifetimes.deletedObjects(dropped));
            assertEquals(List.of(), store.shards(), "lifetime records are not sliver families");
        }
    }

    @Test
    void aLaterKeepClearsTheDropMarkAndForgettingEndsTheRecord() {
        BlobId blob = id(9);
        try (SliverStore store = SliverStore.open(dir)) {
            BlobLifetimes lifetimes = new BlobLifetimes(store);
            lifetimes.keep(blob, new Epoch(2));
            lifetimes.markDropped(blob);
            lifetimes.forgetKept(blob);
            assertEquals(Optional.empty(), lifetimes.keptUntil(blob));
            assertTrue(lifetimes.isDropped(blob));

            lifetimes.keep(blob, new Epoch(5));
            assertFalse(lifetimes.isDropped(blob));
            assertEquals(Optional.of(new Epoch(5)), lifetimes.keptUntil(blob));
        }
    }

    @Test
    void listsEveryKeptBlobAcrossPagesButNotObjectsOrMarks() {
        Map<BlobId, Epoch> expected = new LinkedHashMap<>();
        try (SliverStore store = SliverStore.open(dir)) {
            BlobLifetimes lifetimes = new BlobLifetimes(store);
            for (int i = 0; i < 2500; i++) {
                lifetimes.keep(id(i), new Epoch(i % 11));
                expected.put(id(i), new Epoch(i % 11));
            }
            lifetimes.markDropped(id(3));
            lifetimes.markObjectDeleted(id(4), ObjectId.random());
            Map<BlobId, Epoch> seen = new LinkedHashMap<>();
            lifetimes.forEachKept((blob, epoch) -> {
                // The action may write, as a collection does.
                lifetimes.forgetKept(blob);
                assertEquals(null, seen.put(blob, epoch), "seen once: " + blob);
            });
            assertEquals(expected, seen);
        }
    }

    private static BlobId id(int i) {
        byte[] bytes = new byte[BlobId.LENGTH];
        ByteBuffer.wrap(bytes).putInt(i);
        return BlobId.of(bytes);
    }
}
