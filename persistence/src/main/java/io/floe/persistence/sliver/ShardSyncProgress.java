package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksIterator;

/**
 * How far this node's pull of the shards it gained at an epoch change got, in family {@code shard-sync} of its own
 * sliver database (wiped with the slivers, so a wiped node pulls again): per epoch, shard and sliver type the next
 * blob ID to ask for and whether the pull is done; per epoch and shard whether it fell back to recovery; per epoch
 * which shards it gained (recorded when the sync of the epoch begins, so a restart after the change is done still
 * knows what it had not finished), when every certified blob was queued for a recheck, whether the epoch's sync was
 * reported done and whether it is finished (held, or rebuilt by recovery).
 *
 * <p>Invariant: every write here is fsynced before it returns, and RocksDB's one write-ahead log makes the slivers
 * written before it durable too, so a cursor never points past a sliver that a crash could lose. Thread-safe.
 */
public final class ShardSyncProgress {
    static final String FAMILY = "shard-sync";
    private static final byte CURSOR = 'C';
    private static final byte PULLED = 'P';
    private static final byte RECOVERING = 'R';
    private static final byte RECHECKED = 'Q';
    private static final byte FINISHED = 'F';
    private static final byte STARTED = 'S';
    private static final byte REPORTED = 'D';
    private static final byte OWNED = 'O';
    private static final byte[] NOTHING = new byte[0];

    private final SliverStore store;

    public ShardSyncProgress(SliverStore store) {
        this.store = store;
    }

    /** The next blob ID to ask for (inclusive), empty before the first batch. */
    public Optional<BlobId> cursor(Epoch epoch, ShardIndex shard, SliverType type) {
        byte[] value = get(key(CURSOR, epoch, shard, type), "read a sync cursor");
        return value == null ? Optional.empty() : Optional.of(BlobId.of(value));
    }

    /** Records the next blob ID to ask for, after the slivers before it are stored. */
    public void advance(Epoch epoch, ShardIndex shard, SliverType type, BlobId next) {
        put(key(CURSOR, epoch, shard, type), next.bytes(), "advance a sync cursor");
    }

    public void markPulled(Epoch epoch, ShardIndex shard, SliverType type) {
        put(key(PULLED, epoch, shard, type), NOTHING, "mark a shard pulled");
    }

    public boolean pulled(Epoch epoch, ShardIndex shard, SliverType type) {
        return get(key(PULLED, epoch, shard, type), "look up a pulled shard") != null;
    }

    /** The previous owner did not answer: the shard is rebuilt blob by blob instead. */
    public void markRecovering(Epoch epoch, ShardIndex shard) {
        put(key(RECOVERING, epoch, shard, null), NOTHING, "mark a shard recovering");
    }

    public boolean recovering(Epoch epoch, ShardIndex shard) {
        return get(key(RECOVERING, epoch, shard, null), "look up a recovering shard") != null;
    }

    /** Every certified blob was queued for a recheck after this epoch's pulls, at {@code at}. */
    public void markRechecked(Epoch epoch, Instant at) {
        put(key(RECHECKED, epoch, null, null), ByteBuffer.allocate(8).putLong(at.toEpochMilli()).array(),
                "mark a recheck queued");
    }

    public boolean rechecked(Epoch epoch) {
        return recheckedAt(epoch).isPresent();
    }

    /** When the recheck was queued; a record without a time (written before times were kept) reads as the epoch 0. */
    public Optional<Instant> recheckedAt(Epoch epoch) {
        byte[] value = get(key(RECHECKED, epoch, null, null), "look up a recheck");
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(value.length == 8 ? ByteBuffer.wrap(value).getLong() : 0));
    }

    /** The sync of this epoch began, for these gained shards; a second call keeps the first record. */
    public void markStarted(Epoch epoch, List<ShardIndex> gained) {
        if (started(epoch).isPresent()) {
            return;
        }
        ByteBuffer value = ByteBuffer.allocate(2 * gained.size());
        gained.forEach(s -> value.putShort((short) s.value()));
        put(key(STARTED, epoch, null, null), value.array(), "mark an epoch's sync started");
    }

    /** The shards gained in the epoch, if its sync began here. */
    public Optional<List<ShardIndex>> started(Epoch epoch) {
        byte[] value = get(key(STARTED, epoch, null, null), "look up an epoch's sync start");
        return value == null ? Optional.empty() : Optional.of(shards(value));
    }

    /** The shards this node owned in the latest epoch it looked at. */
    public record Owned(Epoch epoch, List<ShardIndex> shards) {
        public Owned {
            shards = List.copyOf(shards);
        }
    }

    /**
     * Records the shards this node owns in {@code epoch}, the latest epoch it has looked at; a node that compares a
     * later epoch with it sees what it gained even if it never saw that epoch's change in progress.
     */
    public void markOwned(Epoch epoch, List<ShardIndex> shards) {
        ByteBuffer value = ByteBuffer.allocate(4 + 2 * shards.size()).putInt(epoch.value());
        shards.forEach(s -> value.putShort((short) s.value()));
        put(key(OWNED, new Epoch(0), null, null), value.array(), "record the shards owned");
    }

    /** What {@link #markOwned} recorded last; empty on a node that never looked at a committee. */
    public Optional<Owned> owned() {
        byte[] value = get(key(OWNED, new Epoch(0), null, null), "look up the shards owned");
        if (value == null) {
            return Optional.empty();
        }
        int epoch = ByteBuffer.wrap(value, 0, 4).getInt();
        return Optional.of(new Owned(new Epoch(epoch), shards(java.util.Arrays.copyOfRange(value, 4, value.length))));
    }

    /** Epochs whose sync began here and is not finished, in increasing order. */
    public List<Epoch> unfinished() {
        List<Epoch> started = store.onOwnFamily(FAMILY, "list started syncs", (db, family, durable, plain) -> {
            List<Epoch> epochs = new ArrayList<>();
            try (RocksIterator it = db.newIterator(family)) {
                for (it.seek(new byte[] {STARTED}); it.isValid() && it.key()[0] == STARTED; it.next()) {
                    epochs.add(new Epoch(ByteBuffer.wrap(it.key(), 1, 4).getInt()));
                }
            }
            return epochs;
        });
        started.removeIf(this::finished);
        return started;
    }

    /** The ledger accepted this node's sync-done report for the epoch (recovery may still be going on). */
    public void markReported(Epoch epoch) {
        put(key(REPORTED, epoch, null, null), NOTHING, "mark an epoch's sync reported");
    }

    public boolean reported(Epoch epoch) {
        return get(key(REPORTED, epoch, null, null), "look up an epoch's sync report") != null;
    }

    /** The epoch's gained shards are held: pulled and rechecked, or rebuilt by recovery. Nothing is left to do. */
    public void markFinished(Epoch epoch) {
        put(key(FINISHED, epoch, null, null), NOTHING, "mark an epoch's sync finished");
    }

    public boolean finished(Epoch epoch) {
        return get(key(FINISHED, epoch, null, null), "look up an epoch's sync") != null;
    }

    /** {@code kind, epoch u32, [shard u16, [type u8]]}, big-endian. */
    private static byte[] key(byte kind, Epoch epoch, ShardIndex shard, SliverType type) {
        ByteBuffer key = ByteBuffer.allocate(1 + 4 + (shard == null ? 0 : 2) + (type == null ? 0 : 1));
        key.put(kind).putInt(epoch.value());
        if (shard != null) {
            key.putShort((short) shard.value());
        }
        if (type != null) {
            key.put((byte) type.ordinal());
        }
        return key.array();
    }

    private static List<ShardIndex> shards(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        List<ShardIndex> shards = new ArrayList<>();
        while (buffer.remaining() >= 2) {
            shards.add(new ShardIndex(Short.toUnsignedInt(buffer.getShort())));
        }
        return shards;
    }

    private byte[] get(byte[] key, String action) {
        return store.onOwnFamily(FAMILY, action, (db, family, durable, plain) -> db.get(family, key));
    }

    private void put(byte[] key, byte[] value, String action) {
        store.onOwnFamily(FAMILY, action, (db, family, durable, plain) -> {
            db.put(family, durable, key, value);
            return null;
        });
    }
}
