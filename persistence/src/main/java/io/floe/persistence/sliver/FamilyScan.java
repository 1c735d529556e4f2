package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Lists the blob IDs of one sliver family in blob-ID order, for {@link SliverStore}'s scans; the store holds its read
 * lock around each call. Every key listed is a blob ID: any other key raises a corruption {@link SliverStoreException}.
 */
final class FamilyScan {
    private FamilyScan() {
    }

    /** Up to {@code limit} IDs from {@code from} (null: the first; {@code inclusive} says whether it counts). */
    static List<BlobId> ids(RocksDB db, ColumnFamilyHandle handle, SliverFamily family, BlobId from,
                            boolean inclusive, int limit) throws RocksDBException {
        List<BlobId> ids = new ArrayList<>();
        // Listing IDs must not fail on one damaged value (RocksDB loads blob-file values while iterating):
        // values are checked when read, so checksums are skipped here.
        try (ReadOptions listing = new ReadOptions().setVerifyChecksums(false).setFillCache(false);
             RocksIterator it = db.newIterator(handle, listing)) {
            seek(it, from, inclusive);
            for (; it.isValid() && ids.size() < limit; it.next()) {
                ids.add(StoredValues.blobId(family, it.key()));
            }
            it.status();
        }
        return ids;
    }

    /** One stored value and its key, as a scan found it (the value not parsed yet). */
    record Entry(BlobId blobId, byte[] value) {
    }

    /**
     * Up to {@code limit} values from {@code from} inclusive (null: the first) that {@code parse} accepts (it answers
     * null for a damaged one, which is skipped and does not count), stopping after the accepted value that brings
     * their total to {@code maxBytes} or more (so at least one when there is one). Skipping rather than stopping
     * matters: a caller takes an empty answer as the end of the family.
     */
    static <T> List<T> parsed(RocksDB db, ColumnFamilyHandle handle, SliverFamily family, BlobId from, int limit,
                              long maxBytes, Function<Entry, T> parse) throws RocksDBException {
        List<T> parsed = new ArrayList<>();
        long bytes = 0;
        try (ReadOptions reading = new ReadOptions().setFillCache(false);
             RocksIterator it = db.newIterator(handle, reading)) {
            seek(it, from, true);
            for (; it.isValid() && parsed.size() < limit && bytes < maxBytes; it.next()) {
                byte[] value = it.value();
                T good = parse.apply(new Entry(StoredValues.blobId(family, it.key()), value));
                if (good != null) {
                    parsed.add(good);
                    bytes += value.length;
                }
            }
            it.status();
        }
        return parsed;
    }

    private static void seek(RocksIterator it, BlobId from, boolean inclusive) {
        if (from == null) {
            it.seekToFirst();
            return;
        }
        byte[] key = from.bytes();
        it.seek(key);
        if (!inclusive && it.isValid() && Arrays.equals(it.key(), key)) {
            it.next();
        }
    }
}
