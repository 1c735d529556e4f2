package io.floe.node.healing;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.FeedDelay;
import io.floe.actors.events.FeedOffset;
import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.metrics.FloeMetrics;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * One storage node's follower of the blob event feed (DESIGN.md §5): for every certified blob it makes the node hold
 * its metadata and its sliver pair on each shard the committee gives the node, it drops the blobs marked invalid, and
 * through its {@link BlobCollector} it keeps each blob's lifetime and drops the blobs that expired or were deleted.
 *
 * <p>Invariants: the feed cursor lives in the node's own store ({@link NodeProgress}), so a wiped store starts from
 * the beginning and checks every blob again; the cursor passes an event only once the event's work is done or its
 * blob is in the persisted backlog, and commits are in feed order, so a crash re-checks events (harmless, recovery is
 * idempotent) but never skips one. A blob leaves the backlog only when healed or invalid; failed recoveries are
 * retried with growing delays for as long as it takes. Nothing is recovered before the committee is known, nor ever
 * again once the blob is invalid, nor while nothing keeps it (expired or deleted) in the current epoch. Lifetimes are
 * written with the events' group, before its cursor commit, and new epochs are collected (once at start-up too) on
 * the processor's timer, which also retries the drops left because a blob's current record did not answer.
 */
final class NodeEventProcessor implements AutoCloseable, ScrubRepairs {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEventProcessor.class);
    /** Events handled per cursor commit at most (one fsync each), and how long a group may wait to fill. */
    private static final int GROUP_SIZE = 256;
    private static final Duration GROUP_WINDOW = Duration.ofMillis(100);
    /** How often due backlog entries are looked for, besides after every event group and finished recovery. */
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration COMMITTEE_POLL = Duration.ofMillis(500);
    /** How long a collection waits for blobs' current records before leaving them to a later run. */
    private static final Duration RECORD_WAIT = Duration.ofSeconds(3);
    /** How often, within an epoch, blobs whose current record did not answer are asked again. */
    private static final Duration RECOLLECT = Duration.ofSeconds(5);

    private final ActorSystem<?> system;
    private final String readJournalPluginId;
    private final CommitteeView committees;
    private final SliverStore store;
    private final NodeProgress progress;
    private final HealingMetrics metrics;
    private final RecoverySettings settings;
    private final Clock clock;
    private final ExecutionContextExecutor blocking;
    private final RecoveryBacklog backlog;
    private final BacklogScheduler scheduler;
    private final BlobCollector collector;
    private final FeedDelay delay;
    private final AtomicReference<UniqueKillSwitch> feed = new AtomicReference<>();
    private final AtomicReference<Cancellable> timer = new AtomicReference<>();
    private volatile boolean closed;
    /** The backlog is loaded and a pending recheck request queued: requests from now on are queued at once. */
    private boolean begun;

    /**
     * What one processor works with; {@code readJournalPluginId} names the read journal of the blob event feed, and
     * {@code records} answers a blob's current record from its entity (the control plane), asked before a drop.
     */
    record Parts(NodeId nodeId, CommitteeView committees, SliverStore store, PairRecovery recovery,
                        InconsistencyReporter reporter, HealingMetrics metrics, String readJournalPluginId,
                        Function<BlobId, CompletionStage<BlobRecord>> records) {
    }

    NodeEventProcessor(ActorSystem<?> system, Parts parts, RecoverySettings settings, Clock clock) {
        this.system = system;
        this.readJournalPluginId = parts.readJournalPluginId();
        this.committees = parts.committees();
        this.store = parts.store();
        this.progress = new NodeProgress(parts.store());
        this.metrics = parts.metrics();
        this.delay = FeedDelay.of(FloeMetrics.get(system).registry(), "node");
        this.settings = settings;
        this.clock = clock;
        this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.backlog = new RecoveryBacklog(progress);
        BlobRepair repair = new BlobRepair(parts.nodeId(), store, parts.recovery(), blocking);
        this.scheduler = new BacklogScheduler(new BacklogScheduler.Parts(committees, store, backlog, repair,
                parts.reporter(), metrics), settings, clock, blocking, this::onBlobMarkedInvalid, this::owes);
        this.collector = new BlobCollector(store, progress, this::unqueue,
                new CurrentRecords(parts.records(), RECORD_WAIT), RECOLLECT);
    }

    /** Starts following the feed as soon as the committee is known; returns at once. */
    public void start() {
        schedule(Duration.ZERO, this::awaitCommittee);
    }

    private void awaitCommittee() {
        if (closed) {
            return;
        }
        if (committees.current().isEmpty()) {
            schedule(COMMITTEE_POLL, this::awaitCommittee);
            return;
        }
        try {
            begin();
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                LOG.warn("Starting the event processor failed, trying again: {}", e.toString());
                schedule(COMMITTEE_POLL, this::awaitCommittee);
            }
        }
    }

    private void begin() {
        synchronized (this) {
            backlog.load();
            if (progress.recheckAllRequested()) {
                queueEveryCertifiedBlob();
            }
            begun = true;
        }
        metrics.setPending(backlog.size());
        FeedOffset from = storedCursor();
        feed.set(followFeed());
        timer.set(system.scheduler().scheduleWithFixedDelay(TICK, TICK, this::tick, blocking));
        if (closed) {
            // close() ran while this was starting and may have missed what was just started.
            close();
            return;
        }
        LOG.info("Following blob events from {} to keep this node's slivers ({} blobs waiting for recovery)", from,
                backlog.size());
    }

    private UniqueKillSwitch followFeed() {
        RestartSettings restart = RestartSettings.create(settings.feedBackoffMin(), settings.feedBackoffMax(), 0.2);
        return RestartSource.withBackoff(restart, () -> BlobEventFeed.from(system, readJournalPluginId, storedCursor())
                        .groupedWithin(GROUP_SIZE, GROUP_WINDOW)
                        .mapAsync(1, group -> CompletableFuture.supplyAsync(() -> handle(group), blocking)))
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.left())
                .run(system);
    }

    /** The cursor to resume from; a cursor that does not parse means checking everything again, never skipping. */
    private FeedOffset storedCursor() {
        String text = progress.cursor().orElse(FeedOffset.START.text());
        try {
            return FeedOffset.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("Stored feed cursor '{}' is unreadable; checking every blob event again", text);
            return FeedOffset.START;
        }
    }

    /** Handles a group of events in order, then moves the cursor past them. Blocking. */
    private Done handle(List<BlobEventEnvelope> group) {
        Committee committee = committees.current().orElseThrow(() -> new IllegalStateException("no committee"));
        for (BlobEventEnvelope envelope : group) {
            handle(committee, envelope);
            metrics.eventProcessed();
        }
        progress.commitCursor(group.get(group.size() - 1).offset().text());
        delay.handled(group);
        metrics.setPending(backlog.size());
        scheduler.drain();
        return Done.getInstance();
    }

    private void handle(Committee committee, BlobEventEnvelope envelope) {
        BlobId blobId = envelope.blobId();
        BlobEntity.Event event = envelope.event();
        Epoch epoch = committee.epoch();
        LOG.debug("Blob event {} #{} of {}: {}", envelope.offset(), envelope.sequenceNr(), blobId,
                event.getClass().getSimpleName());
        if (event instanceof BlobEntity.Certified) {
            onCertified(committee, blobId, envelope.writtenAtMillis());
        } else if (event instanceof BlobEntity.MarkedInvalid) {
            onBlobMarkedInvalid(blobId);
        } else if (event instanceof BlobEntity.Registered registered) {
            collector.onRegistered(blobId, registered.registration().endEpoch(), epoch);
        } else if (event instanceof ObjectCommands.Extended extended) {
            if (collector.onExtended(blobId, extended.newEnd(), epoch)) {
                onCertified(committee, blobId, envelope.writtenAtMillis());
            }
        } else if (event instanceof ObjectCommands.Deleted deleted) {
            collector.onDeleted(blobId, deleted.objectId(), deleted.keptUntil(), epoch);
        }
    }

    /**
     * The grace runs from when the event was written: a node replaying old events (wiped, or far behind) starts at
     * once, as the writer finished long ago. Never later than a full grace from now (a writer's clock ahead of ours).
     */
    private void onCertified(Committee committee, BlobId blobId, long writtenAtMillis) {
        if (progress.isInvalid(blobId)) {
            LOG.debug("Blob {} is invalid here; not recovering it", blobId);
            return;
        }
        if (!collector.keeps(blobId, committee.epoch())) {
            LOG.debug("Blob {} is kept by nothing in epoch {}; not recovering it", blobId, committee.epoch());
            return;
        }
        // Marked before looking at the store: a scrubber deletes before it asks whether the blob is certified, so
        // of the two one sees the other's change and the damaged sliver is recovered either way.
        progress.markCertified(blobId);
        if (backlog.contains(blobId)) {
            return;
        }
        int missing = scheduler.missingPairs(committee, blobId);
        long due = due(clock.millis(), writtenAtMillis, settings.grace());
        if (missing > 0 && backlog.offer(blobId, due, false)) {
            LOG.debug("Blob {} certified; {} of this node's pairs missing, recovering after {}", blobId, missing,
                    settings.grace());
        }
    }

    /**
     * When a blob certified by an event written at {@code writtenAtMillis} is recovered: a grace after the write, not
     * before now nor later than a grace from now. Without a write time (≤ 0, as {@link FeedDelay} reads it), a full
     * grace from now.
     */
    static long due(long now, long writtenAtMillis, Duration grace) {
        if (writtenAtMillis <= 0) {
            return now + grace.toMillis();
        }
        return Math.max(now, Math.min(now, writtenAtMillis) + grace.toMillis());
    }

    /**
     * The blob was marked invalid: drops its slivers and metadata from this node's store and records it, so it is
     * never recovered (nor served) again. Idempotent; blocking (RocksDB writes). The feed calls it for every
     * {@link BlobEntity.MarkedInvalid} event, and this node calls it when its own inconsistency report succeeded.
     */
    public void onBlobMarkedInvalid(BlobId blobId) {
        boolean first = !progress.isInvalid(blobId);
        progress.markInvalid(blobId);
        store.deleteBlob(blobId);
        unqueue(blobId);
        if (first) {
            LOG.info("Blob {} is invalid: dropped its slivers and metadata here, it is never recovered again", blobId);
        }
    }

    /** Forgets what was queued for a blob this node no longer holds (invalid or dropped). */
    private void unqueue(BlobId blobId) {
        backlog.remove(blobId);
        scheduler.forget(blobId);
        metrics.setPending(backlog.size());
    }

    /** Whether the node still owes the blob (if certified): not invalid, and kept in the current epoch. */
    private boolean owes(BlobId blobId) {
        return !progress.isInvalid(blobId)
                && committees.current().map(c -> collector.keeps(blobId, c.epoch())).orElse(true);
    }

    /** The timer: collects a new epoch (the first time at start-up), then starts due recoveries. */
    private void tick() {
        try {
            committees.current().ifPresent(c -> collector.collect(c.epoch()));
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                LOG.warn("Garbage collection failed; trying again: {}", e.toString());
            }
        }
        scheduler.drain();
    }

    /** Whether this node has seen the blob marked invalid (it then holds and serves nothing of it). */
    public boolean isInvalid(BlobId blobId) {
        return progress.isInvalid(blobId);
    }

    /**
     * A stored sliver or the metadata of the blob was found damaged and deleted: heal the blob now if it is known
     * certified (if it is not yet, its Certified event is still ahead of the cursor and will). Blocking.
     */
    @Override
    public void recheck(BlobId blobId) {
        if (progress.isCertified(blobId) && owes(blobId)) {
            backlog.offer(blobId, clock.millis(), true);
            metrics.setPending(backlog.size());
            scheduler.drain();
        }
    }

    /**
     * Drops one family of this node's store (a shard's slivers of one type, whose table file is damaged) and heals
     * every certified blob. The recheck is recorded first, so a crash in between repeats it at the next start.
     * Blocking.
     */
    @Override
    public void dropDamagedFamily(ShardIndex shard, SliverType type) {
        progress.requestRecheckAll();
        store.dropSlivers(shard, type);
        LOG.warn("Dropped shard {} {} slivers of this node (damaged table file); rebuilding them", shard.value(),
                type.pathName());
        queueEveryCertifiedBlob();
    }

    /** As {@link #dropDamagedFamily}, for the metadata family: every blob's metadata is fetched again. Blocking. */
    @Override
    public void dropDamagedMetadata() {
        progress.requestRecheckAll();
        store.dropMetadata();
        LOG.warn("Dropped the metadata of every blob on this node (damaged table file); fetching it again");
        queueEveryCertifiedBlob();
    }

    /**
     * Heals every certified blob this node has seen: queues each for a check of the pairs the current committee gives
     * this node. The request is recorded (fsynced) first, so a crash before everything is queued, or a call before
     * the processor has started, still queues them. Blocking.
     */
    synchronized void recheckEveryCertifiedBlob() {
        progress.requestRecheckAll();
        if (begun) {
            queueEveryCertifiedBlob();
        }
    }

    /** No recheck request waits and the backlog is empty (false before the processor has started). */
    synchronized boolean idle() {
        return begun && backlog.size() == 0 && !progress.recheckAllRequested();
    }

    private void queueEveryCertifiedBlob() {
        long now = clock.millis();
        int[] queued = {0};
        progress.forEachCertified(blobId -> {
            if (owes(blobId) && backlog.offer(blobId, now, false)) {
                queued[0]++;
            }
        });
        store.syncWal();
        progress.clearRecheckAll();
        metrics.setPending(backlog.size());
        LOG.info("Checking {} certified blobs again", queued[0]);
        scheduler.drain();
    }

    /** Blobs waiting in the backlog (also {@link HealingMetrics} {@code recoveriesPending}). */
    public int pending() {
        return backlog.size();
    }

    private void schedule(Duration delay, Runnable task) {
        if (!closed) {
            timer.set(system.scheduler().scheduleOnce(delay, task, blocking));
        }
    }

    /** Stops following the feed and starting recoveries; running ones finish on their own. */
    @Override
    public void close() {
        closed = true;
        scheduler.close();
        Cancellable t = timer.get();
        if (t != null) {
            t.cancel();
        }
        UniqueKillSwitch k = feed.get();
        if (k != null) {
            k.shutdown();
        }
    }
}
