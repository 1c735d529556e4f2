package io.floe.persistence.sliver;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * How long this node keeps each blob, in family {@value #FAMILY} of its own sliver database (wiped with the slivers,
 * so a wiped node learns it again from the blob event feed): per blob the epoch until which (exclusive) something
 * keeps it, whether the node dropped it (its slivers and metadata are gone and nothing brings them back until a
 * later registration keeps it again), and the blob objects deleted so far.
 *
 * <p>Invariants: a blob has a kept-until record until its data is deleted, so a crash between {@link #markDropped}
 * and the deletion leaves a record that the next collection drops again; {@link #markDropped} is fsynced before it
 * returns (serving and recovery stop at once), the other writes are durable with the processor's next cursor commit
 * (RocksDB's one write-ahead log), which is when the events that caused them count as done. Thread-safe.
 */
public final class BlobLifetimes {
    static final String FAMILY = "lifetimes";
    private static final byte KEPT = 'U';
    private static final byte DROPPED = 'D';
    private static final byte DELETED_OBJECT = 'O';
    private static final byte[] NOTHING = new byte[0];
    private static final int PAGE = 1024;

    private final SliverStore store;

    public BlobLifetimes(SliverStore store) {
        this.store = store;
    }

    /** The epoch until which (exclusive) the blob is kept; empty when unknown or its data is deleted. */
    public Optional<Epoch> keptUntil(BlobId id) {
        byte[] value = call("read how long " + id + " is kept", (db, family, durable, plain) ->
                db.get(family, key(KEPT, id)));
        return value == null ? Optional.empty() : Optional.of(epoch(id, value));
    }

    /**
     * Whether the node keeps the blob in {@code epoch}: not dropped, and kept until after {@code epoch} (a blob with no
     * record, seen before this node followed lifetimes, is kept).
     */
    public boolean keptIn(BlobId id, Epoch epoch) {
        return !isDropped(id) && keptUntil(id).map(until -> until.compareTo(epoch) > 0).orElse(true);
    }

    /** Keeps the blob until {@code until} (exclusive), replacing what was recorded, and clears a drop mark. */
    public void keep(BlobId id, Epoch until) {
        byte[] value = ByteBuffer.allocate(Integer.BYTES).putInt(until.value()).array();
        call("keep " + id + " until " + until, (db, family, durable, plain) -> {
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(family, key(KEPT, id), value);
                batch.delete(family, key(DROPPED, id));
                db.write(plain, batch);
            }
            return null;
        });
    }

    /**
     * Records {@code until} as the blob's kept-until epoch, leaving a drop mark as it is: what a collection writes when
     * it learns the epoch from the control plane rather than from a registration event, which alone brings a dropped
     * blob back. An epoch no later than the current one makes the next collection look at the blob again.
     */
    public void setKeptUntil(BlobId id, Epoch until) {
        byte[] value = ByteBuffer.allocate(Integer.BYTES).putInt(until.value()).array();
        call("record " + id + " as kept until " + until, (db, family, durable, plain) -> {
            db.put(family, plain, key(KEPT, id), value);
            return null;
        });
    }

    /** Records, fsynced, that the blob is dropped: it is not recovered, repaired, synced or served any more. */
    public void markDropped(BlobId id) {
        call("mark " + id + " dropped", (db, family, durable, plain) -> {
            db.put(family, durable, key(DROPPED, id), NOTHING);
            return null;
        });
    }

    public boolean isDropped(BlobId id) {
        return call("look up whether " + id + " is dropped", (db, family, durable, plain) ->
                db.get(family, key(DROPPED, id)) != null);
    }

    /** The dropped blob's data is deleted: its kept-until record goes (a collection no longer looks at it). */
    public void forgetKept(BlobId id) {
        call("forget how long " + id + " was kept", (db, family, durable, plain) -> {
            db.delete(family, plain, key(KEPT, id));
            return null;
        });
    }

    /** Records that the blob object {@code objectId} of blob {@code id} was deleted (object IDs are never reused). */
    public void markObjectDeleted(BlobId id, ObjectId objectId) {
        byte[] key = objectKey(id, objectId);
        call("mark object " + objectId + " deleted", (db, family, durable, plain) -> {
            db.put(family, plain, key, NOTHING);
            return null;
        });
    }

    /** The blob's objects recorded deleted. */
    public Set<ObjectId> deletedObjects(BlobId id) {
        byte[] prefix = key(DELETED_OBJECT, id);
        return call("list deleted objects of " + id, (db, family, durable, plain) -> {
            Set<ObjectId> deleted = new HashSet<>();
            try (RocksIterator it = db.newIterator(family)) {
                for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                    byte[] key = it.key();
                    deleted.add(ObjectId.of(Arrays.copyOfRange(key, prefix.length, key.length)));
                }
                it.status();
            }
            return deleted;
        });
    }

    /**
     * Every blob with a kept-until record and its epoch, in blob-ID order. Reads pages, not one snapshot, and runs the
     * action outside the store's lock (it may write): a record changed during the scan may or may not be seen.
     */
    public void forEachKept(BiConsumer<BlobId, Epoch> action) {
        byte[] from = {KEPT};
        while (from != null) {
            byte[] start = from;
            List<Map.Entry<BlobId, Epoch>> page = call("list kept blobs", (db, family, durable, plain) ->
                    keptPage(db.newIterator(family), start));
            page.forEach(e -> action.accept(e.getKey(), e.getValue()));
            from = page.size() < PAGE ? null
                    : Arrays.copyOf(key(KEPT, page.get(page.size() - 1).getKey()), 1 + BlobId.LENGTH + 1);
        }
    }

    private static List<Map.Entry<BlobId, Epoch>> keptPage(RocksIterator iterator, byte[] from)
            throws RocksDBException {
        List<Map.Entry<BlobId, Epoch>> page = new ArrayList<>();
        try (RocksIterator it = iterator) {
            for (it.seek(from); it.isValid() && it.key()[0] == KEPT && page.size() < PAGE; it.next()) {
                byte[] key = it.key();
                if (key.length != 1 + BlobId.LENGTH) {
                    throw new SliverStoreException("lifetime record of " + key.length + " bytes is not one Floe wrote",
                            true);
                }
                BlobId id = BlobId.of(Arrays.copyOfRange(key, 1, key.length));
                page.add(Map.entry(id, epoch(id, it.value())));
            }
            it.status();
        }
        return page;
    }

    private static Epoch epoch(BlobId id, byte[] value) {
        if (value.length != Integer.BYTES) {
            throw new SliverStoreException("kept-until record of " + id + " is not one Floe wrote", true);
        }
        return new Epoch(ByteBuffer.wrap(value).getInt());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] key(byte prefix, BlobId id) {
        byte[] key = new byte[1 + BlobId.LENGTH];
        key[0] = prefix;
        System.arraycopy(id.bytes(), 0, key, 1, BlobId.LENGTH);
        return key;
    }

    private static byte[] objectKey(BlobId id, ObjectId objectId) {
        byte[] blob = key(DELETED_OBJECT, id);
        byte[] object = objectId.bytes();
        byte[] key = Arrays.copyOf(blob, blob.length + object.length);
        System.arraycopy(object, 0, key, blob.length, object.length);
        return key;
    }

    private <T> T call(String action, FamilyCall<T> call) {
        return store.onOwnFamily(FAMILY, action, call);
    }
}
