package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.persistence.sliver.SliverStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Damages a closed store behind its back, with RocksDB and with bytes flipped in its files, then scrubs it. */
class ScrubWalkTest {
    private static final int N = 7;
    private static final List<ShardIndex> SHARDS = List.of(new ShardIndex(1), new ShardIndex(4));

    @TempDir
    Path dir;
    private final HealingMetrics metrics = new HealingMetrics();
    private final Set<BlobId> rechecked = ConcurrentHashMap.newKeySet();
    private final List<String> droppedFamilies = new ArrayList<>();
    private final ScrubRepairs repairs = new ScrubRepairs() {
        @Override
        public void recheck(BlobId blobId) {
            rechecked.add(blobId);
        }

        @Override
        public void dropDamagedFamily(ShardIndex shard, SliverType type) {
            droppedFamilies.add(shard.value() + "-" + type.pathName());
        }

        @Override
        public void dropDamagedMetadata() {
            droppedFamilies.add("metadata");
        }
    };

    @Test
    void findsASliverOverwrittenWithAnotherOnesBytesAndHandsItToRecovery() throws Exception {
        List<EncodedBlob> blobs = storeBlobs(3, 3000);
        BlobId victim = blobs.get(1).blobId();
        ShardIndex shard = SHARDS.get(0);
        // A valid sliver, but of another blob: it parses, and only the hash check can tell.
        byte[] foreign = pairOn(blobs.get(2), shard).primary().toBcs();
        overwrite("shard-" + shard.value() + "-primary", victim.bytes(), foreign);

        try (SliverStore store = SliverStore.open(dir)) {
            ScrubWalk walk = scrubAll(store);
            assertEquals(Set.of(victim), rechecked);
            assertFalse(store.hasSliver(shard, SliverType.PRIMARY, victim), "the damaged sliver is deleted");
            assertTrue(store.hasSliver(shard, SliverType.SECONDARY, victim), "its pair's other sliver stays");
            assertEquals(12, walk.checked(), "3 blobs x 2 shards x 2 types");
            assertEquals(new HealingMetrics.Snapshot(0, 0, 0, 0, 0, 12, 1, 0, 0), metrics.snapshot());
        }
    }

    @Test
    void findsAValueDamagedOnDiskInABlobFile() throws Exception {
        // Slivers of 64 KiB blobs are larger than 4 KiB, so RocksDB keeps them in blob files.
        List<EncodedBlob> blobs = storeBlobs(4, 64 * 1024);
        List<Path> blobFiles = filesEndingWith(".blob");
        assertEquals(4, blobFiles.size(), "one blob file per family");
        for (Path blobFile : blobFiles) {
            flipMiddle(blobFile);
        }

        try (SliverStore store = SliverStore.open(dir)) {
            scrubAll(store);
            assertTrue(droppedFamilies.isEmpty(), "one damaged value is not a damaged family: " + droppedFamilies);
            assertEquals(blobFiles.size(), metrics.snapshot().scrubMismatches(), "one value per flipped blob file");
            assertFalse(rechecked.isEmpty());
            for (EncodedBlob blob : blobs) {
                assertEquals(!rechecked.contains(blob.blobId()), holdsAll(store, blob.blobId()));
            }
        }
    }

    @Test
    void dropsAFamilyWhoseTableFileIsDamaged() throws Exception {
        // Small slivers stay inside the table files, next to their keys.
        List<EncodedBlob> blobs = storeBlobs(20, 1000);
        LiveFileMetaData table = liveFiles().stream()
                .filter(f -> family(f).equals("shard-1-primary")).findFirst().orElseThrow();
        flipAt(Path.of(dir.toString(), table.fileName()), 100);

        try (SliverStore store = SliverStore.open(dir)) {
            ScrubWalk walk = scrubAll(store);
            assertEquals(List.of("1-primary"), droppedFamilies);
            assertTrue(rechecked.isEmpty(), "the family is rebuilt whole, not blob by blob: " + rechecked);
            assertEquals(1 + 60, walk.checked(), "the first sliver of the damaged family, then 3 families x 20");
            for (EncodedBlob blob : blobs) {
                assertTrue(store.hasSliver(SHARDS.get(1), SliverType.PRIMARY, blob.blobId()));
            }
        }
    }

    @Test
    void handsOverTheMetadataFamilyWhenItsTableFileIsDamaged() throws Exception {
        // Metadata of 7 shards is small enough to stay inside the table file.
        storeBlobs(20, 1000);
        LiveFileMetaData table = liveFiles().stream()
                .filter(f -> family(f).equals("metadata")).findFirst().orElseThrow();
        flipAt(Path.of(dir.toString(), table.fileName()), 100);

        try (SliverStore store = SliverStore.open(dir)) {
            scrubAll(store);
            assertEquals(List.of("metadata"), droppedFamilies, "once per pass");
            assertEquals(1, metrics.snapshot().scrubMismatches());
        }
    }

    private ScrubWalk scrubAll(SliverStore store) {
        ScrubWalk walk = new ScrubWalk(store, repairs, metrics);
        for (int steps = 0; !walk.finished() && steps < 1000; steps++) {
            walk.step(5);
        }
        assertTrue(walk.finished());
        return walk;
    }

    private List<EncodedBlob> storeBlobs(int count, int size) {
        List<EncodedBlob> blobs = new ArrayList<>();
        try (SliverStore store = SliverStore.open(dir)) {
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[size];
                new Random(i).nextBytes(data);
                EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(data);
                store.putMetadata(blob.metadata());
                for (ShardIndex shard : SHARDS) {
                    store.putSliver(shard, blob.blobId(), pairOn(blob, shard).primary());
                    store.putSliver(shard, blob.blobId(), pairOn(blob, shard).secondary());
                }
                blobs.add(blob);
            }
        }
        // Reopening flushes the write-ahead log into table and blob files, with the store's own options.
        SliverStore.open(dir).close();
        return blobs;
    }

    private static io.floe.encoding.redstuff.SliverPair pairOn(EncodedBlob blob, ShardIndex shard) {
        return blob.pair(SliverPairIndex.onShard(shard, blob.blobId().rotation(N), N));
    }

    private static boolean holdsAll(SliverStore store, BlobId id) {
        for (ShardIndex shard : SHARDS) {
            for (SliverType type : SliverType.values()) {
                if (!store.hasSliver(shard, type, id)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String family(LiveFileMetaData file) {
        return new String(file.columnFamilyName(), StandardCharsets.UTF_8);
    }

    /** Opens the closed store with RocksDB itself, runs {@code action} on it, and flushes every family to files. */
    private interface RawAction {
        void run(RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException;
    }

    private void raw(RawAction action) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options listing = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listing, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            action.run(db, handles);
            db.flush(flush, handles);
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    private void overwrite(String family, byte[] key, byte[] value) throws RocksDBException {
        raw((db, handles) -> {
            for (ColumnFamilyHandle handle : handles) {
                if (new String(handle.getName(), StandardCharsets.UTF_8).equals(family)) {
                    db.put(handle, key, value);
                }
            }
        });
    }

    private List<LiveFileMetaData> liveFiles() throws RocksDBException {
        List<LiveFileMetaData> files = new ArrayList<>();
        raw((db, handles) -> files.addAll(db.getLiveFilesMetaData()));
        return files;
    }

    private List<Path> filesEndingWith(String suffix) throws IOException {
        try (var paths = java.nio.file.Files.list(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void flipMiddle(Path file) throws IOException {
        flipAt(file, java.nio.file.Files.size(file) / 2);
    }

    /** Inverts 16 bytes at {@code offset}: what a bad disk sector does to a file. */
    private static void flipAt(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] bytes = new byte[16];
            f.seek(offset);
            f.readFully(bytes);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            f.seek(offset);
            f.write(bytes);
        }
    }
}
