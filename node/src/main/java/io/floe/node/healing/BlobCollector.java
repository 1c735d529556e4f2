package io.floe.node.healing;

import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's garbage collection (Walrus's node garbage collector): keeps, per blob, the epoch until which a
 * registration keeps it ({@link BlobLifetimes}), from the Registered, Extended and Deleted events the
 * {@link NodeEventProcessor} hands it, and drops a blob's slivers and metadata once nothing keeps it: at a Deleted
 * that leaves nothing alive in the current epoch, and at each new epoch for every blob whose kept-until epoch is
 * at most the epoch.
 *
 * <p>Invariants: a drop is marked (fsynced) before the data goes, so recovery, scrub repair and shard sync, which
 * look at the mark, never bring a dropped blob back, and its kept-until record goes only after the data, so a crash
 * in between is collected again; only a later registration (or extension) that keeps the blob after the current
 * epoch clears the mark. Event handling and the drops of a collection are serialized (this object's lock), so a
 * collection never drops a blob that an event just kept longer.
 */
final class BlobCollector {
    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    private final SliverStore store;
    private final NodeProgress progress;
    private final BlobLifetimes lifetimes;
    /** Forgets what the processor queued for the blob (backlog entry, kept proof). */
    private final Consumer<BlobId> unqueue;
    /** The last epoch fully collected; none yet, so the first call (at start-up) collects. */
    private int collected = -1;

    BlobCollector(SliverStore store, NodeProgress progress, Consumer<BlobId> unqueue) {
        this.store = store;
        this.progress = progress;
        this.lifetimes = new BlobLifetimes(store);
        this.unqueue = unqueue;
    }

    /** Whether the node keeps (and owes, if certified) the blob in {@code current}. */
    boolean keeps(BlobId blobId, Epoch current) {
        return lifetimes.keptIn(blobId, current);
    }

    /**
     * A registration ending with {@code end} (exclusive): the blob is kept at least that long. A dropped blob comes
     * back only if the registration keeps it after {@code current}; its slivers then come with its uploads and
     * certification, like a new blob's.
     */
    synchronized void onRegistered(BlobId blobId, Epoch end, Epoch current) {
        if (lifetimes.isDropped(blobId)) {
            if (end.compareTo(current) > 0) {
                lifetimes.keep(blobId, end);
                LOG.info("Blob {} registered again until epoch {}: this node keeps it again", blobId, end);
            }
            return;
        }
        Optional<Epoch> kept = lifetimes.keptUntil(blobId);
        if (kept.isEmpty() || kept.get().compareTo(end) < 0) {
            lifetimes.keep(blobId, end);
        }
    }

    /**
     * A certified registration now ends with {@code newEnd}. True when that brings back a blob this node had dropped
     * (its epoch ran ahead of the entity's): the caller marks it certified and recovers it.
     */
    synchronized boolean onExtended(BlobId blobId, Epoch newEnd, Epoch current) {
        boolean dropped = lifetimes.isDropped(blobId);
        if (dropped && newEnd.compareTo(current) <= 0) {
            return false;
        }
        Optional<Epoch> kept = lifetimes.keptUntil(blobId);
        if (dropped || kept.isEmpty() || kept.get().compareTo(newEnd) < 0) {
            lifetimes.keep(blobId, newEnd);
        }
        return dropped;
    }

    /**
     * {@code objectId} was deleted; the blob's other registrations keep it until {@code keptUntil}, which replaces
     * what was recorded. Nothing alive in {@code current}: the blob is dropped now.
     */
    synchronized void onDeleted(BlobId blobId, ObjectId objectId, Optional<Epoch> keptUntil, Epoch current) {
        lifetimes.markObjectDeleted(blobId, objectId);
        if (keptUntil.isPresent() && keptUntil.get().compareTo(current) > 0) {
            lifetimes.keep(blobId, keptUntil.get());
            LOG.debug("Object {} of blob {} deleted; other registrations keep it until epoch {}", objectId, blobId,
                    keptUntil.get());
            return;
        }
        boolean first = !lifetimes.isDropped(blobId);
        drop(blobId);
        if (first) {
            LOG.info("Blob {} deleted with nothing keeping it in epoch {}: collection dropped 1 blob (its slivers and "
                    + "metadata)", blobId, current);
        }
    }

    /**
     * Drops every blob whose kept-until epoch is at most {@code current}, unless this epoch (or a later one) was
     * collected already. Blocking (one RocksDB write per dropped blob); a failure leaves the epoch to the next call.
     */
    void collect(Epoch current) {
        synchronized (this) {
            if (current.value() <= collected) {
                return;
            }
        }
        AtomicInteger dropped = new AtomicInteger();
        lifetimes.forEachKept((blobId, until) -> {
            if (until.compareTo(current) <= 0 && dropIfExpired(blobId, current)) {
                dropped.incrementAndGet();
            }
        });
        synchronized (this) {
            collected = Math.max(collected, current.value());
        }
        LOG.info("Garbage collection for epoch {} dropped {} expired blobs", current, dropped.get());
    }

    /** Drops the blob if it is (still) kept no longer than {@code current}; true if it was not dropped before. */
    private synchronized boolean dropIfExpired(BlobId blobId, Epoch current) {
        Optional<Epoch> kept = lifetimes.keptUntil(blobId);
        if (kept.isEmpty() || kept.get().compareTo(current) > 0) {
            return false;
        }
        boolean first = !lifetimes.isDropped(blobId);
        drop(blobId);
        LOG.debug("Blob {} expired with epoch {}: dropped its slivers and metadata", blobId, kept.get());
        return first;
    }

    /** Marks, deletes, forgets: in this order, see the invariants. Idempotent. */
    private void drop(BlobId blobId) {
        lifetimes.markDropped(blobId);
        progress.forgetCertified(blobId);
        unqueue.accept(blobId);
        store.deleteBlob(blobId);
        lifetimes.forgetKept(blobId);
    }
}
