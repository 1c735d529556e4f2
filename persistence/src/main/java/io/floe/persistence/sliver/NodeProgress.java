package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What a storage node's event processor has done, kept in family {@code progress} of the node's own sliver database,
 * so that a wiped data folder forgets it together with the slivers and the node checks every blob again: the cursor
 * in the blob event feed, the recovery backlog, and the blobs it has seen certified or marked invalid.
 *
 * <p>Invariants: {@link #commitCursor}, backlog changes made with {@code durable} and {@link #markInvalid} are
 * fsynced before they return; a write to RocksDB's one write-ahead log makes every earlier write durable too, so a
 * record written plainly before a cursor commit is durable once the commit returns. Thread-safe, like the store.
 */
public final class NodeProgress {
    static final String FAMILY = "progress";
    private static final byte[] CURSOR = {'C'};
    private static final byte[] RECHECK_ALL = {'R'};
    private static final byte BACKLOG = 'B';
    private static final byte CERTIFIED = 'K';
    private static final byte INVALID = 'X';
    private static final byte[] NOTHING = new byte[0];
    private static final int PAGE = 1024;

    private final SliverStore store;

    public NodeProgress(SliverStore store) {
        this.store = store;
    }

    /** The stored feed cursor, empty for a fresh (or wiped) store. */
    public Optional<String> cursor() {
        byte[] value = call("read the feed cursor", (db, family, durable, plain) -> db.get(family, CURSOR));
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** Stores the cursor, fsynced, and with it everything written before. */
    public void commitCursor(String cursor) {
        byte[] value = cursor.getBytes(StandardCharsets.UTF_8);
        call("store the feed cursor", (db, family, durable, plain) -> {
            db.put(family, durable, CURSOR, value);
            return null;
        });
    }

    /** Records that the blob is certified; durable with the next cursor commit. */
    public void markCertified(BlobId id) {
        put(key(CERTIFIED, id), NOTHING, false, "mark " + id + " certified");
    }

    /**
     * The blob is no longer owed (dropped: expired or deleted); a later Certified event marks it again. Durable with
     * the next cursor commit; a mark that comes back after a power loss only makes the node check the blob again.
     */
    public void forgetCertified(BlobId id) {
        byte[] key = key(CERTIFIED, id);
        call("forget certification of " + id, (db, family, durable, plain) -> {
            db.delete(family, plain, key);
            return null;
        });
    }

    public boolean isCertified(BlobId id) {
        return exists(key(CERTIFIED, id), "look up certification of " + id);
    }

    /**
     * Every blob seen certified, in blob-ID order. Reads pages, not one snapshot, and runs the action outside the
     * store's lock (it may write): a blob marked during the scan may or may not be seen.
     */
    public void forEachCertified(Consumer<BlobId> action) {
        byte[] from = {CERTIFIED};
        while (from != null) {
            List<BlobId> page = new ArrayList<>();
            byte[] start = from;
            call("list certified blobs", (db, family, durable, plain) -> {
                visitPrefix(db, family, CERTIFIED, start, PAGE, (id, value) -> page.add(id));
                return null;
            });
            page.forEach(action);
            from = page.size() < PAGE ? null : successor(key(CERTIFIED, page.get(page.size() - 1)));
        }
    }

    /** Records, fsynced, that the blob is invalid: it is never recovered again. */
    public void markInvalid(BlobId id) {
        put(key(INVALID, id), NOTHING, true, "mark " + id + " invalid");
    }

    public boolean isInvalid(BlobId id) {
        return exists(key(INVALID, id), "look up invalidity of " + id);
    }

    /** Adds or replaces the blob's backlog entry; fsynced if {@code durable}, else with the next cursor commit. */
    public void putBacklog(BacklogEntry entry, boolean durable) {
        put(key(BACKLOG, entry.blobId()), entry.toBytes(), durable, "queue " + entry.blobId());
    }

    /**
     * Removes the blob's backlog entry; an absent entry is no error. Not fsynced: an entry that comes back after a
     * power loss only makes the node check the blob once more.
     */
    public void removeBacklog(BlobId id) {
        byte[] key = key(BACKLOG, id);
        call("unqueue " + id, (db, family, durable, plain) -> {
            db.delete(family, plain, key);
            return null;
        });
    }

    /**
     * Records (fsynced) that every certified blob must be checked again, before a change that loses slivers of many
     * blobs (dropping a damaged family), so a crash before they are all queued does not forget them.
     */
    public void requestRecheckAll() {
        put(RECHECK_ALL, NOTHING, true, "request a recheck of every blob");
    }

    public boolean recheckAllRequested() {
        return exists(RECHECK_ALL, "look up a recheck request");
    }

    /** The recheck is queued (and the queue durable): the request is done. */
    public void clearRecheckAll() {
        call("clear the recheck request", (db, family, durable, plain) -> {
            db.delete(family, durable, RECHECK_ALL);
            return null;
        });
    }

    /** Every backlog entry, in blob-ID order. */
    public List<BacklogEntry> backlog() {
        List<BacklogEntry> entries = new ArrayList<>();
        call("list the backlog", (db, family, durable, plain) -> {
            visitPrefix(db, family, BACKLOG, new byte[] {BACKLOG}, Integer.MAX_VALUE,
                (id, value) -> entries.add(BacklogEntry.fromBytes(id, value)));
            return null;
        });
        return entries;
    }

    private static byte[] key(byte prefix, BlobId id) {
        byte[] key = new byte[1 + BlobId.LENGTH];
        key[0] = prefix;
        System.arraycopy(id.bytes(), 0, key, 1, BlobId.LENGTH);
        return key;
    }

    private void put(byte[] key, byte[] value, boolean sync, String action) {
        call(action, (db, family, durable, plain) -> {
            db.put(family, sync ? durable : plain, key, value);
            return null;
        });
    }

    private boolean exists(byte[] key, String action) {
        return call(action, (db, family, durable, plain) -> db.get(family, key) != null);
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(BlobId id, byte[] value);
    }

    /** The smallest key after {@code key}: the same bytes and a zero. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** Visits up to {@code limit} records under one prefix from key {@code from}, under the store's read lock. */
    private static void visitPrefix(RocksDB db, ColumnFamilyHandle family, byte prefix, byte[] from, int limit,
                                    Visitor visitor) throws RocksDBException {
        int seen = 0;
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(from); it.isValid() && it.key()[0] == prefix && seen < limit; it.next(), seen++) {
                byte[] key = it.key();
                if (key.length != 1 + BlobId.LENGTH) {
                    throw new SliverStoreException("progress record of " + key.length + " bytes is not one Floe wrote",
                        true);
                }
                visitor.visit(BlobId.of(Arrays.copyOfRange(key, 1, key.length)), it.value());
            }
            it.status();
        }
    }

    private <T> T call(String action, FamilyCall<T> call) {
        return store.onOwnFamily(FAMILY, action, call);
    }
}
