package io.floe.node.healing;

import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.sliver.BacklogEntry;
import io.floe.persistence.sliver.NodeProgress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blobs a node still has to heal, in memory and in its {@link NodeProgress}: each blob at most once, ordered by
 * when it is due. An entry leaves only when its blob is healed or invalid, never because attempts failed.
 *
 * <p>Invariant: every entry in memory is in the store (written before it is added here), so a crash loses none.
 * Thread-safe: all methods are synchronized; each holds the lock for one small RocksDB write at most.
 */
final class RecoveryBacklog {
    private static final Comparator<BacklogEntry> BY_DUE = Comparator.comparingLong(BacklogEntry::dueMillis)
            .thenComparing(e -> e.blobId().toString());

    private final NodeProgress progress;
    private final Map<BlobId, BacklogEntry> entries = new HashMap<>();
    private final TreeSet<BacklogEntry> waiting = new TreeSet<>(BY_DUE);
    private final Set<BlobId> running = new HashSet<>();
    /** Running blobs offered again meanwhile (a sliver was found damaged after the attempt looked): run once more. */
    private final Set<BlobId> rerun = new HashSet<>();

    RecoveryBacklog(NodeProgress progress) {
        this.progress = progress;
    }

    /** Loads the stored entries (after a restart every one is due again at its stored time). */
    synchronized void load() {
        entries.clear();
        waiting.clear();
        for (BacklogEntry entry : progress.backlog()) {
            if (!running.contains(entry.blobId())) {
                entries.put(entry.blobId(), entry);
                waiting.add(entry);
            }
        }
    }

    /**
     * Queues the blob, due at {@code dueMillis}, unless it is queued already (then its attempts and due time stay).
     * With {@code durable} the entry is fsynced now, else it becomes durable with the next cursor commit.
     */
    synchronized boolean offer(BlobId blobId, long dueMillis, boolean durable) {
        if (entries.containsKey(blobId)) {
            if (running.contains(blobId)) {
                rerun.add(blobId);
            }
            return false;
        }
        BacklogEntry entry = BacklogEntry.fresh(blobId, dueMillis);
        progress.putBacklog(entry, durable);
        entries.put(blobId, entry);
        waiting.add(entry);
        return true;
    }

    /** The earliest entry due at {@code nowMillis} and not running, now marked running. */
    synchronized Optional<BacklogEntry> takeDue(long nowMillis) {
        if (waiting.isEmpty() || waiting.first().dueMillis() > nowMillis) {
            return Optional.empty();
        }
        BacklogEntry entry = waiting.pollFirst();
        running.add(entry.blobId());
        return Optional.of(entry);
    }

    /** The running blob is healed: it leaves the backlog, unless it was offered again while it ran. */
    synchronized void finish(BlobId blobId) {
        BacklogEntry entry = entries.get(blobId);
        if (rerun.remove(blobId) && entry != null) {
            running.remove(blobId);
            BacklogEntry again = BacklogEntry.fresh(blobId, 0);
            entries.put(blobId, again);
            waiting.add(again);
            return;
        }
        remove(blobId);
    }

    /** The blob is invalid (or healed): it leaves the backlog for good, whether it runs or waits. */
    synchronized void remove(BlobId blobId) {
        progress.removeBacklog(blobId);
        BacklogEntry entry = entries.remove(blobId);
        if (entry != null) {
            waiting.remove(entry);
        }
        running.remove(blobId);
        rerun.remove(blobId);
    }

    /** The running entry did not finish: it is stored (fsynced) as {@code next} and waits until it is due. */
    synchronized void retry(BacklogEntry next) {
        running.remove(next.blobId());
        rerun.remove(next.blobId());
        if (!entries.containsKey(next.blobId())) {
            return;
        }
        progress.putBacklog(next, true);
        entries.put(next.blobId(), next);
        waiting.add(next);
    }

    /**
     * Gives a running entry back, stored as it was, but not due before {@code notBeforeMillis} in memory: its attempt
     * stopped on a store failure (or the store closing), and taking it again at once would spin on that failure.
     */
    synchronized void release(BlobId blobId, long notBeforeMillis) {
        rerun.remove(blobId);
        if (running.remove(blobId)) {
            BacklogEntry entry = entries.get(blobId);
            if (entry != null) {
                BacklogEntry later = entry.dueMillis() >= notBeforeMillis ? entry : new BacklogEntry(blobId,
                        entry.kind(), entry.attempts(), notBeforeMillis, entry.reason());
                entries.put(blobId, later);
                waiting.add(later);
            }
        }
    }

    synchronized boolean contains(BlobId blobId) {
        return entries.containsKey(blobId);
    }

    synchronized int size() {
        return entries.size();
    }
}
