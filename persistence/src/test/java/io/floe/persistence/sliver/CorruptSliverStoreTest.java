package io.floe.persistence.sliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Damages stored values behind the store's back, with RocksDB directly, and checks nothing damaged comes out. */
class CorruptSliverStoreTest {
    @TempDir
    Path dir;

    /** Overwrites the value under {@code key} in the named family of a closed store. */
    void overwrite(String family, byte[] key, byte[] value) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options listing = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listing, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            for (ColumnFamilyHandle handle : handles) {
                if (new String(handle.getName(), StandardCharsets.UTF_8).equals(family)) {
                    db.put(handle, key, value);
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void damagedSliverRaisesCorruptSliverExceptionNamingIt() throws Exception {
        EncodedBlob blob = SliverStoreTest.encode(1, 2000);
        ShardIndex shard = new ShardIndex(3);
        try (SliverStore store = SliverStore.open(dir)) {
            store.putSliver(shard, blob.blobId(), blob.pair(new SliverPairIndex(1)).secondary());
        }
        byte[] truncated = blob.pair(new SliverPairIndex(1)).secondary().toBcs();
        overwrite("shard-3-secondary", blob.blobId().bytes(), Arrays.copyOf(truncated, truncated.length - 3));

        try (SliverStore store = SliverStore.open(dir)) {
            CorruptSliverException e = assertThrows(CorruptSliverException.class,
                () -> store.sliver(shard, SliverType.SECONDARY, blob.blobId()));
            assertEquals(shard, e.shard());
            assertEquals(SliverType.SECONDARY, e.type());
            assertEquals(blob.blobId(), e.blobId());
            assertTrue(e.getMessage().contains(blob.blobId().toString()), e.getMessage());
        }
    }

    @Test
    void rangeReadSkipsPastAWindowOfDamagedSliversToTheGoodOnes() throws Exception {
        ShardIndex shard = new ShardIndex(2);
        List<BlobId> ids = new ArrayList<>();
        try (SliverStore store = SliverStore.open(dir)) {
            for (int i = 0; i < 5; i++) {
                EncodedBlob blob = SliverStoreTest.encode(10 + i, 2000 + i);
                SliverStoreTest.storeEverywhere(store, blob);
                ids.add(blob.blobId());
            }
        }
        ids.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
        for (BlobId damaged : ids.subList(0, 3)) {
            overwrite("shard-2-primary", damaged.bytes(), new byte[] {1, 2, 3});
        }

        try (SliverStore store = SliverStore.open(dir)) {
            List<ShardSliver> window = store.slivers(shard, SliverType.PRIMARY, null, 2, Long.MAX_VALUE);
            assertEquals(ids.subList(3, 5), window.stream().map(ShardSliver::blobId).toList(),
                "damaged values do not count toward the limit");
            assertEquals(List.of(ids.get(3)),
                store.slivers(shard, SliverType.PRIMARY, ids.get(1), 5, 1).stream().map(ShardSliver::blobId).toList(),
                "the byte bound counts the values answered");
        }
    }

    @Test
    void damagedMetadataRaisesCorruptMetadataException() throws Exception {
        EncodedBlob blob = SliverStoreTest.encode(2, 2000);
        try (SliverStore store = SliverStore.open(dir)) {
            store.putMetadata(blob.metadata());
        }
        byte[] flipped = blob.metadata().toBcs();
        flipped[flipped.length - 1] ^= 1;
        overwrite("metadata", blob.blobId().bytes(), flipped);

        try (SliverStore store = SliverStore.open(dir)) {
            CorruptMetadataException e =
                assertThrows(CorruptMetadataException.class, () -> store.metadata(blob.blobId()));
            assertEquals(blob.blobId(), e.blobId());
        }
    }

    @Test
    void metadataOfAnotherBlobUnderThisKeyIsCorrupt() throws Exception {
        EncodedBlob blob = SliverStoreTest.encode(3, 2000);
        EncodedBlob other = SliverStoreTest.encode(4, 2000);
        try (SliverStore store = SliverStore.open(dir)) {
            store.putMetadata(blob.metadata());
        }
        overwrite("metadata", blob.blobId().bytes(), other.metadata().toBcs());

        try (SliverStore store = SliverStore.open(dir)) {
            assertThrows(CorruptMetadataException.class, () -> store.metadata(blob.blobId()));
        }
    }

    @Test
    void keyThatIsNoBlobIdFailsTheScan() throws Exception {
        EncodedBlob blob = SliverStoreTest.encode(5, 2000);
        try (SliverStore store = SliverStore.open(dir)) {
            store.putSliver(new ShardIndex(0), blob.blobId(), blob.pair(new SliverPairIndex(0)).primary());
        }
        overwrite("shard-0-primary", new byte[] {1, 2, 3}, new byte[] {0});

        try (SliverStore store = SliverStore.open(dir)) {
            assertThrows(SliverStoreException.class,
                () -> store.forEachBlobId(new ShardIndex(0), SliverType.PRIMARY, id -> { }));
            BlobId id = blob.blobId();
            assertTrue(store.sliver(new ShardIndex(0), SliverType.PRIMARY, id).isPresent());
        }
    }
}
