package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's slivers and metadata in one RocksDB database (DESIGN.md §7).
 *
 * <p>Invariants: shard {@code k}'s slivers of one type live in column family {@code shard-<k>-primary} or
 * {@code shard-<k>-secondary}, keyed by the 32 blob-ID bytes, so RocksDB's bytewise order is blob-ID order and a
 * shard's sync is a range scan; metadata lives once per node in family {@code metadata}, value
 * {@link VerifiedMetadata#toBcs()}. Every write is in the write-ahead log before it returns (fsynced too when opened
 * so, see {@link #open(Path, boolean)}; {@link #syncWal} fsyncs on demand). Nothing that fails to parse is ever
 * returned: it raises {@link CorruptSliverException} or {@link CorruptMetadataException}. Families are created on
 * the first write to them and found again on reopen ({@link StoreFamilies} keeps their handles).
 *
 * <p>Thread safety: all methods may be called concurrently. Operations share a read lock; creating and dropping
 * families and {@link #close()} take the write lock, so no native handle is used after it is closed
 * ({@link StoreLock}). After {@code close()} every method throws {@link IllegalStateException}.
 */
public final class SliverStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SliverStore.class);
    private static final String ESTIMATED_KEYS = "rocksdb.estimate-num-keys";
    private static final int SCAN_PAGE = 1024;

    static {
        // Extracts and loads the native library once per class loader; later calls are no-ops.
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDbTuning options;
    private final RocksDB db;
    private final StoreFamilies families;
    private final StoreLock lock;

    private SliverStore(Path dir, RocksDbTuning options, RocksDB db, List<ColumnFamilyHandle> handles)
        throws RocksDBException {
        this.dir = dir;
        this.lock = new StoreLock(dir);
        this.options = options;
        this.db = db;
        this.families = new StoreFamilies(db, options.family(), handles);
    }

    /** Opens the store with {@code syncWrites} off: see {@link #open(Path, boolean)}. */
    public static SliverStore open(Path dir) {
        return open(dir, false);
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, with every family it held when last closed. Every write
     * goes to RocksDB's write-ahead log before it returns, so it survives a crash or {@code kill -9} of the process;
     * with {@code syncWrites} the log is also fsynced, so it survives power loss, at the price of one fsync per
     * write (the node API writes one sliver per request).
     */
    public static SliverStore open(Path dir, boolean syncWrites) {
        try {
            OwnerOnly.folder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sliver store folder " + dir, e);
        }
        RocksDbTuning options = new RocksDbTuning(syncWrites);
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            db = RocksDB.open(options.db(), dir.toString(), StoreFamilies.descriptors(dir, options.family()), handles);
            SliverStore store = new SliverStore(dir, options, db, handles);
            LOG.info("Opened sliver store {} with {} shard families", dir, store.families.sliverFamilies().size());
            return store;
        } catch (RocksDBException e) {
            handles.forEach(ColumnFamilyHandle::close);
            if (db != null) {
                db.close();
            }
            options.close();
            throw new SliverStoreException("cannot open sliver store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Stores a blob's metadata (once per node, whatever shards it holds); overwrites an earlier copy. */
    public void putMetadata(VerifiedMetadata metadata) {
        byte[] key = metadata.blobId().bytes();
        byte[] value = metadata.toBcs();
        lock.read("store metadata of " + metadata.blobId(), () -> {
            db.put(families.metadata(), options.write(), key, value);
            return null;
        });
    }

    /** The stored metadata, verified against its blob ID. */
    public Optional<VerifiedMetadata> metadata(BlobId id) {
        byte[] value = lock.read("read metadata of " + id, () -> {
            try {
                return db.get(families.metadata(), id.bytes());
            } catch (RocksDBException e) {
                if (StoredValues.isCorruption(e)) {
                    throw new CorruptMetadataException(id, e);
                }
                throw e;
            }
        });
        return value == null ? Optional.empty() : Optional.of(StoredValues.metadata(id, value));
    }

    public boolean hasMetadata(BlobId id) {
        return lock.read("look up metadata of " + id, () -> db.keyExists(families.metadata(), id.bytes()));
    }

    /** Stores a sliver of a blob on a shard; the sliver's type picks the family. Overwrites an earlier copy. */
    public void putSliver(ShardIndex shard, BlobId id, Sliver sliver) {
        SliverFamily family = new SliverFamily(shard, sliver.type());
        byte[] key = id.bytes();
        byte[] value = sliver.toBcs();
        // Loops only when dropShard removes the family between its creation and the write.
        boolean written = false;
        while (!written) {
            createIfAbsent(family);
            written = lock.read("store " + family.name() + " sliver of " + id, () -> {
                ColumnFamilyHandle handle = families.sliver(family);
                if (handle != null) {
                    db.put(handle, options.write(), key, value);
                }
                return handle != null;
            });
        }
    }

    /** One sliver of a {@link #putSlivers} write: where it goes and what it is. */
    public record ShardWrite(ShardIndex shard, Sliver sliver) {
    }

    /**
     * Stores several slivers of one blob (on any of this node's shards) in one atomic write: one write-ahead log
     * record and one memtable insertion pass instead of one per sliver, the same durability as {@link #putSliver}.
     * Overwrites earlier copies.
     */
    public void putSlivers(BlobId id, List<ShardWrite> slivers) {
        byte[] key = id.bytes();
        List<SliverFamily> families = slivers.stream().map(w -> new SliverFamily(w.shard(), w.sliver().type())).toList();
        // Loops only when dropShard removes a family between its creation and the write.
        boolean written = false;
        while (!written) {
            families.forEach(this::createIfAbsent);
            written = lock.read("store " + slivers.size() + " slivers of " + id, () -> {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = 0; i < slivers.size(); i++) {
                        ColumnFamilyHandle handle = this.families.sliver(families.get(i));
                        if (handle == null) {
                            return false;
                        }
                        batch.put(handle, key, slivers.get(i).sliver().toBcs());
                    }
                    db.write(options.write(), batch);
                }
                return true;
            });
        }
    }

    /** The stored sliver of this type of a blob on a shard. */
    public Optional<Sliver> sliver(ShardIndex shard, SliverType type, BlobId id) {
        SliverFamily family = new SliverFamily(shard, type);
        byte[] value = lock.read("read " + family.name() + " sliver of " + id, () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            try {
                return handle == null ? null : db.get(handle, id.bytes());
            } catch (RocksDBException e) {
                if (StoredValues.isCorruption(e)) {
                    throw new CorruptSliverException(shard, type, id, e);
                }
                throw e;
            }
        });
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(StoredValues.sliver(shard, type, id, value));
    }

    public boolean hasSliver(ShardIndex shard, SliverType type, BlobId id) {
        SliverFamily family = new SliverFamily(shard, type);
        return lock.read("look up " + family.name() + " sliver of " + id, () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            return handle != null && db.keyExists(handle, id.bytes());
        });
    }

    /**
     * Makes every write so far durable against power loss (fsyncs RocksDB's write-ahead log). A node calls it before
     * signing that it stores a blob, so the promise holds even when single writes are not synced.
     */
    public void syncWal() {
        lock.read("sync the write-ahead log", () -> {
            db.flushWal(true);
            return null;
        });
    }

    /** Removes a blob's metadata and its slivers on every shard, in one atomic write. */
    public void deleteBlob(BlobId id) {
        byte[] key = id.bytes();
        lock.read("delete blob " + id, () -> {
            try (WriteBatch batch = new WriteBatch()) {
                batch.delete(families.metadata(), key);
                for (ColumnFamilyHandle handle : families.sliverHandles()) {
                    batch.delete(handle, key);
                }
                db.write(options.write(), batch);
            }
            return null;
        });
    }

    /** Removes one stored sliver (a scrubber found it damaged); a sliver that is not there is no error. */
    public void deleteSliver(ShardIndex shard, SliverType type, BlobId id) {
        SliverFamily family = new SliverFamily(shard, type);
        lock.read("delete " + family.name() + " sliver of " + id, () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            if (handle != null) {
                db.delete(handle, options.write(), id.bytes());
            }
            return null;
        });
    }

    /**
     * Drops the metadata family, with every blob's metadata, and starts it empty: the repair of a damaged table file
     * in it (see {@link #dropSlivers}). Slivers stay; they cannot be served until their metadata is fetched again.
     */
    public void dropMetadata() {
        lock.write("drop the metadata family", () -> {
            families.recreateMetadata();
            return null;
        });
        LOG.info("Dropped and recreated the metadata family of sliver store {}", dir);
    }

    /** Removes a blob's stored metadata only (it was found damaged); its slivers stay. */
    public void deleteMetadata(BlobId id) {
        lock.read("delete metadata of " + id, () -> {
            db.delete(families.metadata(), options.write(), id.bytes());
            return null;
        });
    }

    /** Drops both of a shard's families, and with them every sliver it held. Metadata stays. */
    public void dropShard(ShardIndex shard) {
        for (SliverType type : SliverType.values()) {
            dropSlivers(shard, type);
        }
        LOG.info("Dropped shard {} from sliver store {}", shard.value(), dir);
    }

    /**
     * Drops one family (a shard's slivers of one type) with every file it had. It is how a family whose table file
     * is damaged is repaired: RocksDB cannot compact past a bad block, so the family goes and its slivers are rebuilt.
     */
    public void dropSlivers(ShardIndex shard, SliverType type) {
        lock.write("drop shard " + shard.value() + " " + type.pathName() + " slivers", () -> {
            families.dropSliver(new SliverFamily(shard, type));
            return null;
        });
    }

    /** Shards with at least one family in the store, in ascending order. */
    public List<ShardIndex> shards() {
        return lock.read("list shards", () -> families.sliverFamilies().stream()
            .map(SliverFamily::shard)
            .distinct()
            .sorted(Comparator.comparingInt(ShardIndex::value))
            .toList());
    }

    /**
     * RocksDB's estimate of the number of slivers of this type on a shard: fast, but only an estimate (it can be
     * off after deletes and overwrites until compaction). Count with {@link #forEachBlobId} when exactness matters.
     */
    public long sliverCount(ShardIndex shard, SliverType type) {
        SliverFamily family = new SliverFamily(shard, type);
        return lock.read("count " + family.name(), () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            return handle == null ? 0L : db.getLongProperty(handle, ESTIMATED_KEYS);
        });
    }

    /**
     * Up to {@code limit} blob IDs holding a sliver of this type on a shard, in blob-ID order, starting at
     * {@code fromInclusive} (null: from the first). To resume a scan, pass the successor of the last ID seen,
     * or use {@link #forEachBlobId}.
     */
    public List<BlobId> blobIds(ShardIndex shard, SliverType type, BlobId fromInclusive, int limit) {
        return page(new SliverFamily(shard, type), fromInclusive, true, limit);
    }

    /**
     * A shard's slivers of one type in blob-ID order from {@code fromInclusive}: at most {@code limit}, and no more
     * once their bytes reach {@code maxBytes} (at least one when there is one), so an answer stays bounded however
     * large the slivers. A sliver whose stored value is damaged is left out (and logged) and the scan goes on past it,
     * so an answer is empty only at the family's end: the caller recovers a left-out sliver like any other missing
     * one. One read of the family, not a snapshot across calls.
     */
    public List<ShardSliver> slivers(ShardIndex shard, SliverType type, BlobId fromInclusive, int limit,
                                     long maxBytes) {
        SliverFamily family = new SliverFamily(shard, type);
        return lock.read("read " + family.name() + " slivers", () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            return handle == null || limit <= 0 ? List.<ShardSliver>of()
                : FamilyScan.parsed(db, handle, family, fromInclusive, limit, maxBytes, e -> goodSliver(family, e));
        });
    }

    /** The entry's sliver, or null (logged) when its stored value is damaged. */
    private static ShardSliver goodSliver(SliverFamily family, FamilyScan.Entry e) {
        try {
            return new ShardSliver(e.blobId(), StoredValues.sliver(family.shard(), family.type(), e.blobId(),
                e.value()));
        } catch (CorruptSliverException damaged) {
            LOG.warn("Leaving damaged {} sliver of {} out of a range read: {}", family.name(), e.blobId(),
                damaged.getMessage());
            return null;
        }
    }

    /** Every blob ID holding a sliver of this type on a shard, in blob-ID order. */
    public void forEachBlobId(ShardIndex shard, SliverType type, Consumer<BlobId> action) {
        forEachBlobId(shard, type, null, action);
    }

    /**
     * Every blob ID from {@code fromInclusive} (null: the first) holding a sliver of this type on a shard, in
     * blob-ID order. The action runs outside the store's lock, so it may write to the store. The scan reads
     * pages of IDs, not one snapshot: an ID added or removed during the scan may or may not be seen, every other
     * ID is seen exactly once.
     */
    public void forEachBlobId(ShardIndex shard, SliverType type, BlobId fromInclusive, Consumer<BlobId> action) {
        SliverFamily family = new SliverFamily(shard, type);
        List<BlobId> page = page(family, fromInclusive, true, SCAN_PAGE);
        while (!page.isEmpty()) {
            page.forEach(action);
            page = page.size() < SCAN_PAGE ? List.of() : page(family, page.get(page.size() - 1), false, SCAN_PAGE);
        }
    }

    private List<BlobId> page(SliverFamily family, BlobId from, boolean inclusive, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return lock.read("scan " + family.name(), () -> {
            ColumnFamilyHandle handle = families.sliver(family);
            return handle == null || limit == 0 ? List.<BlobId>of()
                : FamilyScan.ids(db, handle, family, from, inclusive, limit);
        });
    }

    private void createIfAbsent(SliverFamily family) {
        if (families.hasSliver(family)) {
            return;
        }
        boolean created = lock.write("create family " + family.name(), () -> families.createSliver(family));
        if (created) {
            LOG.info("Created family {} in sliver store {}", family.name(), dir);
        }
    }

    /** Whether {@link #close()} ran; every other method then throws {@link IllegalStateException}. */
    public boolean isClosed() {
        return lock.isClosed();
    }

    /** Closes the database and every native object it used. Idempotent. */
    @Override
    public void close() {
        boolean closedNow = lock.close(() -> {
            families.closeAll();
            closeDatabase();
            options.close();
        });
        if (closedNow) {
            LOG.info("Closed sliver store {}", dir);
        }
    }

    private void closeDatabase() {
        try {
            db.closeE();
        } catch (RocksDBException e) {
            // Every write is in the write-ahead log already; a failed close loses nothing acknowledged.
            LOG.warn("Closing sliver store {} failed: {}", dir, e.getMessage());
        }
    }

    /**
     * Runs {@code call} under the store's read lock on family {@code name} (created on first use), for the node's
     * other records in this package that must live, and be wiped, with its slivers ({@link NodeProgress}).
     */
    <T> T onOwnFamily(String name, String action, FamilyCall<T> call) {
        if (families.other(name) == null) {
            lock.write("create family " + name, () -> {
                families.createOther(name);
                return null;
            });
        }
        return lock.read(action,
            () -> call.call(db, families.other(name), options.durableWrite(), options.write()));
    }
}
