package io.floe.persistence.sliver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The column-family handles of one {@link SliverStore}: one per shard and sliver type ({@link SliverFamily}), the
 * {@value #METADATA} family, and the others (RocksDB's default family, {@link NodeProgress}'s, unknown names, all
 * opened because RocksDB requires it).
 *
 * <p>Invariant: the store calls the methods that change handles only under its write lock and reads them under its
 * read lock, so a reader never meets a handle that is being dropped or closed. A family is dropped in RocksDB before
 * its handle leaves the maps: a failed drop leaves the family usable, never forgotten while it still exists.
 */
final class StoreFamilies {
    static final String METADATA = "metadata";

    private final RocksDB db;
    private final ColumnFamilyOptions options;
    private final Map<SliverFamily, ColumnFamilyHandle> slivers = new ConcurrentHashMap<>();
    private final Map<String, ColumnFamilyHandle> others = new ConcurrentHashMap<>();
    /** Replaced only by {@link #recreateMetadata()}. */
    private ColumnFamilyHandle metadata;

    StoreFamilies(RocksDB db, ColumnFamilyOptions options, List<ColumnFamilyHandle> handles) throws RocksDBException {
        this.db = db;
        this.options = options;
        for (ColumnFamilyHandle handle : handles) {
            String name = new String(handle.getName(), StandardCharsets.UTF_8);
            Optional<SliverFamily> family = SliverFamily.parse(name);
            if (family.isPresent()) {
                slivers.put(family.get(), handle);
            } else if (name.equals(METADATA)) {
                metadata = handle;
            } else {
                others.put(name, handle);
            }
        }
    }

    /** The default family, every family already in the database in {@code dir}, and the metadata family if new. */
    static List<ColumnFamilyDescriptor> descriptors(Path dir, ColumnFamilyOptions options) throws RocksDBException {
        List<byte[]> names = new ArrayList<>();
        if (Files.exists(dir.resolve("CURRENT"))) {
            try (Options listing = new Options()) {
                names.addAll(RocksDB.listColumnFamilies(listing, dir.toString()));
            }
        }
        addIfAbsent(names, RocksDB.DEFAULT_COLUMN_FAMILY);
        addIfAbsent(names, METADATA.getBytes(StandardCharsets.UTF_8));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (byte[] name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name, options));
        }
        return descriptors;
    }

    private static void addIfAbsent(List<byte[]> names, byte[] name) {
        if (names.stream().noneMatch(n -> Arrays.equals(n, name))) {
            names.add(name);
        }
    }

    ColumnFamilyHandle metadata() {
        return metadata;
    }

    /** The family's handle, or null when the store holds no sliver of that shard and type. */
    ColumnFamilyHandle sliver(SliverFamily family) {
        return slivers.get(family);
    }

    boolean hasSliver(SliverFamily family) {
        return slivers.containsKey(family);
    }

    Set<SliverFamily> sliverFamilies() {
        return slivers.keySet();
    }

    Collection<ColumnFamilyHandle> sliverHandles() {
        return slivers.values();
    }

    /** The handle of a family that holds no slivers, or null if it does not exist yet. */
    ColumnFamilyHandle other(String name) {
        return others.get(name);
    }

    /** Creates the sliver family unless it exists; true if it was created. Under the write lock. */
    boolean createSliver(SliverFamily family) throws RocksDBException {
        if (slivers.containsKey(family)) {
            return false;
        }
        slivers.put(family, create(family.nameBytes()));
        return true;
    }

    /** Drops the sliver family with every file it had, if it exists. Under the write lock. */
    void dropSliver(SliverFamily family) throws RocksDBException {
        ColumnFamilyHandle handle = slivers.get(family);
        if (handle != null) {
            db.dropColumnFamily(handle);
            slivers.remove(family);
            handle.close();
        }
    }

    /** Drops the metadata family and starts it empty. Under the write lock. */
    void recreateMetadata() throws RocksDBException {
        ColumnFamilyHandle dropped = metadata;
        db.dropColumnFamily(dropped);
        // A dropped family's handle stays usable (its writes fail) until closed, so close it only once replaced.
        metadata = create(METADATA.getBytes(StandardCharsets.UTF_8));
        dropped.close();
    }

    /** Creates the family for other records unless it exists. Under the write lock. */
    void createOther(String name) throws RocksDBException {
        if (!others.containsKey(name)) {
            others.put(name, create(name.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private ColumnFamilyHandle create(byte[] name) throws RocksDBException {
        return db.createColumnFamily(new ColumnFamilyDescriptor(name, options));
    }

    /** Closes every handle (before the database itself). Under the write lock, once. */
    void closeAll() {
        slivers.values().forEach(ColumnFamilyHandle::close);
        slivers.clear();
        metadata.close();
        others.values().forEach(ColumnFamilyHandle::close);
        others.clear();
    }
}
