package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliverStoreTest {
    static final int N = 7;
    static final EncodingConfig CONFIG = new EncodingConfig(N);

    @TempDir
    Path dir;
    SliverStore store;

    @BeforeEach
    void open() {
        store = SliverStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static EncodedBlob encode(long seed, int size) {
        byte[] blob = new byte[size];
        new Random(seed).nextBytes(blob);
        return new BlobEncoder(CONFIG).encode(blob);
    }

    /** Stores the metadata and every pair on the shard the blob's rotation gives it, as a whole network would. */
    static void storeEverywhere(SliverStore store, EncodedBlob blob) {
        store.putMetadata(blob.metadata());
        int rotation = blob.blobId().rotation(N);
        for (int i = 0; i < N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            ShardIndex shard = pair.index().shard(rotation, N);
            store.putSliver(shard, blob.blobId(), pair.primary());
            store.putSliver(shard, blob.blobId(), pair.secondary());
        }
    }

    static void assertHoldsEverything(SliverStore store, EncodedBlob blob) {
        assertEquals(Optional.of(blob.metadata()), store.metadata(blob.blobId()));
        int rotation = blob.blobId().rotation(N);
        for (int s = 0; s < N; s++) {
            ShardIndex shard = new ShardIndex(s);
            SliverPair pair = blob.pair(SliverPairIndex.onShard(shard, rotation, N));
            assertEquals(Optional.of(pair.primary()), store.sliver(shard, SliverType.PRIMARY, blob.blobId()));
            assertEquals(Optional.of(pair.secondary()), store.sliver(shard, SliverType.SECONDARY, blob.blobId()));
        }
    }

    static List<ShardIndex> allShards() {
        return IntStream.range(0, N).mapToObj(ShardIndex::new).toList();
    }

    @Test
    void readsBackTheSliversAndMetadataItStored() {
        EncodedBlob blob = encode(1, 3000);
        storeEverywhere(store, blob);

        assertHoldsEverything(store, blob);
        assertTrue(store.hasMetadata(blob.blobId()));
        assertTrue(store.hasSliver(new ShardIndex(3), SliverType.SECONDARY, blob.blobId()));
        assertEquals(allShards(), store.shards());
    }

    @Test
    void answersEmptyForWhatItDoesNotHold() {
        EncodedBlob stored = encode(1, 3000);
        BlobId other = encode(2, 3000).blobId();
        store.putSliver(new ShardIndex(0), stored.blobId(), stored.pair(new SliverPairIndex(0)).primary());

        assertEquals(Optional.empty(), store.metadata(other));
        assertFalse(store.hasMetadata(stored.blobId()));
        assertEquals(Optional.empty(), store.sliver(new ShardIndex(0), SliverType.PRIMARY, other));
        assertEquals(Optional.empty(), store.sliver(new ShardIndex(0), SliverType.SECONDARY, stored.blobId()));
        assertEquals(Optional.empty(), store.sliver(new ShardIndex(5), SliverType.PRIMARY, stored.blobId()));
        assertFalse(store.hasSliver(new ShardIndex(5), SliverType.PRIMARY, stored.blobId()));
        assertEquals(0, store.sliverCount(new ShardIndex(5), SliverType.PRIMARY));
        assertEquals(List.of(new ShardIndex(0)), store.shards());
    }

    @Test
    void storesABatchOfSliversOnSeveralShardsInOneWriteThatSurvivesReopen() {
        EncodedBlob blob = encode(8, 4000);
        store.putMetadata(blob.metadata());
        int rotation = blob.blobId().rotation(N);
        List<SliverStore.ShardWrite> writes = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            ShardIndex shard = pair.index().shard(rotation, N);
            writes.add(new SliverStore.ShardWrite(shard, pair.primary()));
            writes.add(new SliverStore.ShardWrite(shard, pair.secondary()));
        }

        store.putSlivers(blob.blobId(), writes);
        assertHoldsEverything(store, blob);
        store.close();
        store = SliverStore.open(dir);

        assertEquals(allShards(), store.shards());
        assertHoldsEverything(store, blob);
    }

    @Test
    void keepsDataAndFamiliesAcrossReopen() {
        EncodedBlob blob = encode(3, 5000);
        storeEverywhere(store, blob);
        store.close();

        store = SliverStore.open(dir);

        assertEquals(allShards(), store.shards());
        assertHoldsEverything(store, blob);
    }

    @Test
    void deleteBlobRemovesItsMetadataAndSliversOnEveryShardOnly() {
        EncodedBlob deleted = encode(4, 2000);
        EncodedBlob kept = encode(5, 2000);
        storeEverywhere(store, deleted);
        storeEverywhere(store, kept);

        store.deleteBlob(deleted.blobId());

        assertFalse(store.hasMetadata(deleted.blobId()));
        for (ShardIndex shard : allShards()) {
            for (SliverType type : SliverType.values()) {
                assertFalse(store.hasSliver(shard, type, deleted.blobId()));
            }
        }
        assertHoldsEverything(store, kept);
    }

    @Test
    void dropShardRemovesBothFamiliesOfThatShardOnly() {
        EncodedBlob blob = encode(6, 2000);
        storeEverywhere(store, blob);
        ShardIndex dropped = new ShardIndex(2);

        store.dropShard(dropped);

        assertFalse(store.shards().contains(dropped));
        assertEquals(N - 1, store.shards().size());
        assertEquals(Optional.empty(), store.sliver(dropped, SliverType.PRIMARY, blob.blobId()));
        assertEquals(Optional.empty(), store.sliver(dropped, SliverType.SECONDARY, blob.blobId()));
        assertTrue(store.hasSliver(new ShardIndex(3), SliverType.PRIMARY, blob.blobId()));
        assertTrue(store.hasMetadata(blob.blobId()), "metadata is per node, not per shard");

        store.close();
        store = SliverStore.open(dir);
        assertFalse(store.shards().contains(dropped), "a dropped family stays dropped after reopen");
        assertTrue(store.hasSliver(new ShardIndex(3), SliverType.SECONDARY, blob.blobId()));
    }

    @Test
    void storesAgainIntoAShardAfterDroppingIt() {
        EncodedBlob blob = encode(7, 1000);
        ShardIndex shard = new ShardIndex(1);
        store.putSliver(shard, blob.blobId(), blob.pair(new SliverPairIndex(0)).primary());
        store.dropShard(shard);

        store.putSliver(shard, blob.blobId(), blob.pair(new SliverPairIndex(4)).primary());

        assertEquals(Optional.of(blob.pair(new SliverPairIndex(4)).primary()),
            store.sliver(shard, SliverType.PRIMARY, blob.blobId()));
    }

    @Test
    void listsBlobIdsOfAShardInBlobIdOrder() {
        ShardIndex shard = new ShardIndex(4);
        EncodedBlob template = encode(8, 100);
        Random random = new Random(9);
        TreeSet<BlobId> ids = new TreeSet<>(Comparator.comparing(BlobId::bytes, Arrays::compareUnsigned));
        for (int i = 0; i < 40; i++) {
            byte[] raw = new byte[BlobId.LENGTH];
            random.nextBytes(raw);
            ids.add(BlobId.of(raw));
        }
        for (BlobId id : ids.descendingSet()) {
            store.putSliver(shard, id, template.pair(new SliverPairIndex(0)).primary());
        }

        List<BlobId> seen = new ArrayList<>();
        store.forEachBlobId(shard, SliverType.PRIMARY, seen::add);

        assertEquals(List.copyOf(ids), seen);
        assertEquals(40, store.sliverCount(shard, SliverType.PRIMARY));
        List<BlobId> expectedTail = List.copyOf(ids.tailSet(seen.get(10), true)).subList(0, 5);
        assertEquals(expectedTail, store.blobIds(shard, SliverType.PRIMARY, seen.get(10), 5));
        List<BlobId> fromMiddle = new ArrayList<>();
        store.forEachBlobId(shard, SliverType.PRIMARY, seen.get(30), fromMiddle::add);
        assertEquals(seen.subList(30, 40), fromMiddle);
        List<BlobId> none = new ArrayList<>();
        store.forEachBlobId(shard, SliverType.SECONDARY, none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void scanCrossesPageBoundariesWithoutLosingOrRepeatingIds() {
        ShardIndex shard = new ShardIndex(0);
        EncodedBlob template = encode(10, 100);
        Random random = new Random(11);
        Set<BlobId> ids = new HashSet<>();
        while (ids.size() < 2100) {
            byte[] raw = new byte[BlobId.LENGTH];
            random.nextBytes(raw);
            ids.add(BlobId.of(raw));
        }
        ids.forEach(id -> store.putSliver(shard, id, template.pair(new SliverPairIndex(3)).secondary()));

        List<BlobId> seen = new ArrayList<>();
        store.forEachBlobId(shard, SliverType.SECONDARY, seen::add);

        assertEquals(ids.size(), seen.size());
        assertEquals(ids, Set.copyOf(seen));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(Arrays.compareUnsigned(seen.get(i - 1).bytes(), seen.get(i).bytes()) < 0);
        }
    }

    @Test
    void createsFamiliesOnceUnderConcurrentWrites() throws Exception {
        EncodedBlob blob = encode(12, 2000);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    storeEverywhere(store, blob);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
            assertFalse(thread.isAlive(), "writer did not finish in time");
        }

        assertEquals(List.of(), failures);
        assertHoldsEverything(store, blob);
        assertEquals(allShards(), store.shards());
    }

    @Test
    void closedStoreRefusesEveryCall() {
        EncodedBlob blob = encode(13, 500);
        store.close();

        assertThrows(IllegalStateException.class, () -> store.putMetadata(blob.metadata()));
        assertThrows(IllegalStateException.class, () -> store.metadata(blob.blobId()));
        assertThrows(IllegalStateException.class,
            () -> store.putSliver(new ShardIndex(0), blob.blobId(), blob.pair(new SliverPairIndex(0)).primary()));
        assertThrows(IllegalStateException.class,
            () -> store.sliver(new ShardIndex(0), SliverType.PRIMARY, blob.blobId()));
        assertThrows(IllegalStateException.class, () -> store.shards());
        assertThrows(IllegalStateException.class, () -> store.dropShard(new ShardIndex(0)));
        assertThrows(IllegalStateException.class, () -> store.deleteBlob(blob.blobId()));
        assertThrows(IllegalStateException.class,
            () -> store.forEachBlobId(new ShardIndex(0), SliverType.PRIMARY, id -> { }));
        store.close();
    }

    @Test
    void secondOpenOfTheSameFolderFailsClearly() {
        SliverStoreException e = assertThrows(SliverStoreException.class, () -> SliverStore.open(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
