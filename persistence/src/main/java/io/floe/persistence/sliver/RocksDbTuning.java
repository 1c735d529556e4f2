package io.floe.persistence.sliver;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The native option objects one {@link SliverStore} owns, created together and closed together after the
 * database. The numbers keep memory bounded when a node holds hundreds of shards (two families each).
 */
final class RocksDbTuning implements AutoCloseable {
    /** Per family: RocksDB's 64 MiB default times hundreds of families would not fit a small node. */
    private static final long WRITE_BUFFER_BYTES = 8L << 20;
    /** All memtables together; the shared manager flushes the largest before this is exceeded. */
    private static final long ALL_WRITE_BUFFERS_BYTES = 64L << 20;
    /** Block cache, also charged with the memtables, so it is larger than their total. */
    private static final long CACHE_BYTES = 128L << 20;
    /** Bounds the WAL kept alive by rarely written families: past it RocksDB flushes them. */
    private static final long MAX_TOTAL_WAL_BYTES = 256L << 20;
    /** Values from this size on (every real sliver) go to blob files, so compaction does not rewrite them. */
    private static final long MIN_BLOB_BYTES = 4096;

    private final LRUCache cache = new LRUCache(CACHE_BYTES);
    private final WriteBufferManager writeBuffers = new WriteBufferManager(ALL_WRITE_BUFFERS_BYTES, cache);
    private final BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache);
    private final DBOptions db = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setWriteBufferManager(writeBuffers)
        .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
        .setMaxBackgroundJobs(4)
        .setKeepLogFileNum(5)
        // With paranoid checks (RocksDB's default) one damaged table block met by a compaction turns the whole
        // database read-only until it is reopened, and the next compaction does it again: the node could neither
        // store new slivers nor repair the damaged ones. Floe verifies every value it reads against its metadata, so
        // it keeps writing instead; the scrubber drops the damaged family and its slivers are rebuilt.
        .setParanoidChecks(false);
    // Erasure-coded symbols and hashes do not compress: spend no CPU trying.
    private final ColumnFamilyOptions family = new ColumnFamilyOptions()
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setTableFormatConfig(table)
        .setEnableBlobFiles(true)
        .setMinBlobSize(MIN_BLOB_BYTES)
        .setEnableBlobGarbageCollection(true);
    // Every write is in the WAL before it returns (it survives kill -9); fsyncing the WAL as well is optional.
    private final WriteOptions write;
    /** For the few records that must survive power loss whatever the store's setting (the node's progress). */
    private final WriteOptions durableWrite = new WriteOptions().setSync(true);

    RocksDbTuning(boolean syncWrites) {
        this.write = new WriteOptions().setSync(syncWrites);
    }

    DBOptions db() {
        return db;
    }

    ColumnFamilyOptions family() {
        return family;
    }

    WriteOptions write() {
        return write;
    }

    WriteOptions durableWrite() {
        return durableWrite;
    }

    @Override
    public void close() {
        write.close();
        durableWrite.close();
        family.close();
        db.close();
        writeBuffers.close();
        cache.close();
    }
}
