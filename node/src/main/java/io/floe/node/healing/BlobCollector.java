package io.floe.node.healing;

import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's garbage collection (Walrus's node garbage collector): keeps, per blob, the epoch until which a
 * registration keeps it ({@link BlobLifetimes}), from the Registered, Extended and Deleted events the
 * {@link NodeEventProcessor} hands it, and drops a blob's slivers and metadata once nothing keeps it: at a Deleted
 * that leaves nothing alive in the current epoch, and at each new epoch for every blob whose kept-until epoch is
 * at most the epoch. The feed runs behind the blobs' entities, so before dropping it asks the blob's current record
 * ({@link CurrentRecords}) and drops only when that keeps the blob no later than the current epoch either.
 *
 * <p>Invariants: a drop is marked (fsynced) before the data goes, so recovery, scrub repair and shard sync, which
 * look at the mark, never bring a dropped blob back, and its kept-until record goes only after the data, so a crash
 * in between is collected again; only a later registration (or extension) that keeps the blob after the current
 * epoch clears the mark. Event handling and the drops of a collection are serialized (this object's lock), so a
 * collection never drops a blob that an event just kept longer. A blob whose record does not answer is not dropped;
 * its kept-until epoch stays at most the current one, so a later run (of this epoch or the next, or at start-up) asks
 * again. The lock is not held while records are asked.
 */
final class BlobCollector {
    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);
    /** Current records asked at once, against one deadline. */
    private static final int ASK_BATCH = 64;

    private final SliverStore store;
    private final NodeProgress progress;
    private final BlobLifetimes lifetimes;
    /** Forgets what the processor queued for the blob (backlog entry, kept proof). */
    private final Consumer<BlobId> unqueue;
    private final CurrentRecords records;
    private final Duration retryInterval;
    /** Blobs due whose current record did not answer: asked again by the next run, at most once per interval. */
    private final Set<BlobId> deferred = ConcurrentHashMap.newKeySet();
    /** The last epoch fully collected; none yet, so the first call (at start-up) collects. */
    private int collected = -1;
    /** When ({@link System#nanoTime}) the deferred blobs may be asked again. */
    private long retryAt = System.nanoTime();

    BlobCollector(SliverStore store, NodeProgress progress, Consumer<BlobId> unqueue, CurrentRecords records,
                  Duration retryInterval) {
        this.store = store;
        this.progress = progress;
        this.lifetimes = new BlobLifetimes(store);
        this.unqueue = unqueue;
        this.records = records;
        this.retryInterval = retryInterval;
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
     * what was recorded. Nothing alive in {@code current}: the blob is dropped now, unless its current record (the
     * feed runs behind the entity, which may hold a newer registration) keeps it longer. Blocking, up to the record
     * wait.
     */
    void onDeleted(BlobId blobId, ObjectId objectId, Optional<Epoch> keptUntil, Epoch current) {
        synchronized (this) {
            lifetimes.markObjectDeleted(blobId, objectId);
            if (keptUntil.isPresent() && keptUntil.get().compareTo(current) > 0) {
                lifetimes.keep(blobId, keptUntil.get());
                LOG.debug("Object {} of blob {} deleted; other registrations keep it until epoch {}", objectId,
                        blobId, keptUntil.get());
                return;
            }
            // Due now: a crash, or a control plane that does not answer, leaves it to the next collection.
            lifetimes.setKeptUntil(blobId, current);
        }
        if (settle(List.of(blobId), current) > 0) {
            LOG.info("Blob {} deleted with nothing keeping it in epoch {}: collection dropped 1 blob (its slivers and "
                    + "metadata)", blobId, current);
        }
    }

    /**
     * Drops every blob whose kept-until epoch is at most {@code current} and whose current record agrees: once per
     * epoch over every such blob (the first call, at start-up, too), and in between, at most once per retry
     * interval, over the blobs whose record did not answer. Blocking; a failure leaves the epoch to the next call.
     */
    void collect(Epoch current) {
        List<BlobId> candidates;
        synchronized (this) {
            if (current.value() > collected) {
                candidates = null;
            } else if (!deferred.isEmpty() && System.nanoTime() - retryAt >= 0) {
                candidates = new ArrayList<>(deferred);
            } else {
                return;
            }
        }
        boolean full = candidates == null;
        List<BlobId> due = full ? expired(current) : stillDue(candidates, current);
        deferred.removeAll(full ? due : candidates);
        int dropped = settle(due, current);
        synchronized (this) {
            collected = Math.max(collected, current.value());
            retryAt = System.nanoTime() + retryInterval.toNanos();
        }
        if (full || dropped > 0) {
            LOG.info("Garbage collection for epoch {} dropped {} expired blobs ({} left for a later run: no current "
                    + "record)", current, dropped, deferred.size());
        }
    }

    /** The blobs recorded as kept no later than {@code current}. */
    private List<BlobId> expired(Epoch current) {
        List<BlobId> due = new ArrayList<>();
        lifetimes.forEachKept((blobId, until) -> {
            if (until.compareTo(current) <= 0) {
                due.add(blobId);
            }
        });
        return due;
    }

    /** Those of {@code blobIds} still recorded as kept no later than {@code current} (an event may have moved them). */
    private List<BlobId> stillDue(List<BlobId> blobIds, Epoch current) {
        return blobIds.stream()
                .filter(id -> lifetimes.keptUntil(id).map(until -> until.compareTo(current) <= 0).orElse(false))
                .toList();
    }

    /**
     * Asks the current records of {@code due}, a batch at a time, and settles each blob that answered; the others
     * wait for a later run. A batch with no answer at all ends the run (the control plane is away), so a run waits
     * for it once. Answers how many blobs it dropped that were not dropped before.
     */
    private int settle(List<BlobId> due, Epoch current) {
        int dropped = 0;
        for (int from = 0; from < due.size(); from += ASK_BATCH) {
            int to = Math.min(due.size(), from + ASK_BATCH);
            List<BlobId> batch = due.subList(from, to);
            Map<BlobId, BlobRecord> answered = records.ask(batch);
            for (BlobId blobId : batch) {
                BlobRecord record = answered.get(blobId);
                if (record == null) {
                    deferred.add(blobId);
                } else if (settle(blobId, record, current)) {
                    dropped++;
                }
            }
            if (answered.isEmpty()) {
                deferred.addAll(due.subList(to, due.size()));
                break;
            }
        }
        return dropped;
    }

    /**
     * Drops the blob if it is (still) kept no longer than {@code current} and its current record keeps it no longer
     * either; a record that keeps it longer (a registration or extension the feed has not shown yet, or one from
     * before this node kept lifetimes) becomes its kept-until epoch. True if dropped and not dropped before.
     */
    private synchronized boolean settle(BlobId blobId, BlobRecord record, Epoch current) {
        Optional<Epoch> kept = lifetimes.keptUntil(blobId);
        if (kept.isEmpty() || kept.get().compareTo(current) > 0) {
            return false;
        }
        Optional<Epoch> until = record.keptUntil();
        if (until.isPresent() && until.get().compareTo(current) > 0) {
            lifetimes.setKeptUntil(blobId, until.get());
            LOG.info("Blob {} is kept until epoch {} by a registration this node has not seen yet; not dropping it",
                    blobId, until.get());
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
