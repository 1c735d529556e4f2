package io.floe.node.sync;

import io.floe.actors.ledger.CommitteeView;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeHealth;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.persistence.sliver.ShardSyncProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this node the shards it gains at an epoch change (DESIGN.md §6). Every {@code poll} it looks at the
 * committees; in {@link EpochState#EPOCH_CHANGE_SYNC} of epoch E, for each shard this node owns in E but did not own
 * in E-1, it pulls the primary and then the secondary slivers from the previous owner ({@link ShardPull}); a shard
 * whose previous owner does not answer within the bounded tries falls back to recovery. After the pulls it has every
 * certified blob checked again (blobs certified during the pull, slivers left out, shards in recovery), waits until
 * that recovery is done or {@code reportWithin} has passed since, and reports the epoch synced to the ledger, once
 * accepted never again; the epoch is finished once that recovery is idle. The gained shards are
 * recorded when the sync of an epoch begins; if the change ends (the ledger declares it done at a quorum, or a later
 * epoch begins) before this node finished, what it did not pull is rebuilt by recovery, and {@link #status()} shows
 * those shards in recovery until that is done.
 *
 * <p>Invariants: one thread does all of it, so there is never more than one pull; everything that decides what is
 * left to do is persisted ({@link ShardSyncProgress}), so a restart resumes where it stopped and never reports an
 * epoch before its shards are held; every retry is bounded in count and time (a report that keeps failing is tried
 * again at the next poll). {@link #status()} is what {@code /v1/health} shows.
 */
public final class ShardSyncDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSyncDriver.class);

    private final NodeId self;
    private final CommitteeView committees;
    private final ControlPlane control;
    private final SliverStore store;
    private final ShardSyncProgress progress;
    private final SyncRecovery recovery;
    private final SyncSettings settings;
    private final ShardSyncClient client;
    private final ScheduledExecutorService thread;
    /** Wall time, persisted with the recheck so the report bound holds across restarts. */
    private final InstantSource clock;
    private volatile NodeHealth.ShardSync status = NodeHealth.ShardSync.NONE;
    private volatile boolean closed;

    /** The driver's collaborators: whose shards, which committees, where to report, store, recovery and client. */
    public record Parts(NodeId self, CommitteeView committees, ControlPlane control, SliverStore store,
                        SyncRecovery recovery, ShardSyncClient client) {
    }

    public ShardSyncDriver(Parts parts, SyncSettings settings) {
        this(parts, settings, InstantSource.system());
    }

    ShardSyncDriver(Parts parts, SyncSettings settings, InstantSource clock) {
        this.clock = clock;
        this.self = parts.self();
        this.committees = parts.committees();
        this.control = parts.control();
        this.store = parts.store();
        this.progress = new ShardSyncProgress(parts.store());
        this.recovery = parts.recovery();
        this.settings = settings;
        this.client = parts.client();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-shard-sync-" + parts.self().value());
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls the committees every {@code poll} from now on. */
    public void start() {
        long every = settings.poll().toMillis();
        thread.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Owned shards still being pulled or rebuilt, for the node's health answer. */
    public NodeHealth.ShardSync status() {
        return status;
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            step();
        } catch (RuntimeException e) {
            if (!closed && !store.isClosed()) {
                LOG.warn("Shard sync step failed, trying again in {}: {}", settings.poll(), e.toString());
            }
        }
    }

    /**
     * One look at the committees, and whatever it calls for; blocking, on the driver's thread. The pulls of the
     * current epoch run while its change is in progress; an epoch whose sync began here (its record persisted) and
     * is not finished once the change is over is settled by recovery, whatever the ledger says.
     */
    void step() {
        Optional<EpochCommittees> seen = committees.epochs();
        if (seen.isEmpty()) {
            return;
        }
        EpochCommittees epochs = seen.get();
        List<ShardIndex> gained = gained(epochs);
        boolean syncing = !gained.isEmpty() && !progress.finished(epochs.epoch());
        if (syncing) {
            progress.markStarted(epochs.epoch(), gained);
        } else {
            noteMissedChange(epochs);
        }
        progress.markOwned(epochs.epoch(), epochs.current().shardsOf(self));
        if (syncing) {
            syncCurrent(epochs, gained);
        }
        for (Epoch open : progress.unfinished()) {
            if (!closed && !(syncing && open.equals(epochs.epoch()))) {
                settleAfterChange(open);
            }
        }
        refreshStatus();
    }

    /** Pulls what is left of the current epoch's gained shards, then has every blob rechecked and reports. */
    private void syncCurrent(EpochCommittees epochs, List<ShardIndex> gained) {
        Epoch epoch = epochs.epoch();
        if (progress.reported(epoch) || epochs.synced().contains(self)) {
            settleReported(epoch);
            return;
        }
        for (ShardIndex shard : gained) {
            refreshStatus();
            if (!closed && !progress.recovering(epoch, shard)) {
                pullShard(epochs, shard);
            }
        }
        if (closed || !stillCurrent(epoch)) {
            return;
        }
        queueRecheck(epoch);
        Instant bound = progress.recheckedAt(epoch).orElseThrow().plus(settings.reportWithin());
        if (recovery.idle() || !clock.instant().isBefore(bound)) {
            report(epoch);
        }
    }

    /** Reported (the ledger counts this node synced); the epoch is finished once the recovery is idle. */
    private void settleReported(Epoch epoch) {
        if (!progress.reported(epoch)) {
            progress.markReported(epoch);
        }
        if (recovery.idle()) {
            finish(epoch);
        }
    }

    /**
     * The change of {@code epoch} is over (done without this node, or a later epoch began) before its sync here
     * finished: the shards not pulled are rebuilt by recovery, and the epoch is finished once recovery is idle. The
     * ledger is not told: it no longer waits for this node.
     */
    private void settleAfterChange(Epoch epoch) {
        for (ShardIndex shard : progress.started(epoch).orElse(List.of())) {
            if (!progress.recovering(epoch, shard) && !pulledWhole(epoch, shard)) {
                progress.markRecovering(epoch, shard);
                LOG.warn("The change to epoch {} is over before shard {} was pulled; recovering it blob by blob",
                        epoch, shard.value());
            }
        }
        queueRecheck(epoch);
        if (recovery.idle()) {
            LOG.info("Every shard gained in epoch {} is held (the change ended before the sync did)", epoch);
            finish(epoch);
        }
    }

    private boolean pulledWhole(Epoch epoch, ShardIndex shard) {
        for (SliverType type : SliverType.values()) {
            if (!progress.pulled(epoch, shard, type)) {
                return false;
            }
        }
        return true;
    }

    /** Queues every certified blob for a check, once per epoch (the queue is durable, so is the mark). */
    private void queueRecheck(Epoch epoch) {
        if (!progress.rechecked(epoch)) {
            recovery.recheckEveryCertifiedBlob();
            progress.markRechecked(epoch, clock.instant());
            LOG.info("Shards gained in epoch {} pulled or given to recovery; checking every certified blob for what"
                    + " is still missing", epoch);
        }
    }

    /**
     * A change this node did not see in progress (it was down, or the change was done at once because the nodes
     * that gained nothing already held a quorum of shards): shards owned now and not in the latest epoch it looked
     * at are recorded as that epoch's gain, and the loop in {@link #step} settles them by recovery. A node that never
     * looked at a committee before takes every shard it owns as gained (on a new network there is nothing to check).
     */
    private void noteMissedChange(EpochCommittees epochs) {
        Epoch epoch = epochs.epoch();
        Optional<ShardSyncProgress.Owned> before = progress.owned();
        // The genesis epoch has nothing to rebuild: no blob was stored before its committee.
        if (before.isEmpty() && epoch.equals(Epoch.GENESIS)
                || before.isPresent() && before.get().epoch().compareTo(epoch) >= 0
                || progress.started(epoch).isPresent() || progress.finished(epoch)) {
            return;
        }
        List<ShardIndex> missed = new ArrayList<>(epochs.current().shardsOf(self));
        before.ifPresent(b -> missed.removeAll(b.shards()));
        if (!missed.isEmpty()) {
            LOG.info("Shards {} became this node's in epoch {} without a sync seen here; rebuilding them by recovery",
                    missed.stream().map(ShardIndex::value).toList(), epoch);
            progress.markStarted(epoch, missed);
        }
    }

    /** Shards this node owns in the current epoch and did not own in the previous one, while shards move. */
    private List<ShardIndex> gained(EpochCommittees epochs) {
        if (epochs.state() != EpochState.EPOCH_CHANGE_SYNC || epochs.previous().isEmpty()) {
            return List.of();
        }
        Committee previous = epochs.previous().get();
        List<ShardIndex> gained = new ArrayList<>();
        for (ShardIndex shard : epochs.current().shardsOf(self)) {
            if (!previous.ownerOf(shard).equals(self)) {
                gained.add(shard);
            }
        }
        return gained;
    }

    private void pullShard(EpochCommittees epochs, ShardIndex shard) {
        Committee previous = epochs.previous().orElseThrow();
        Optional<StorageNodeInfo> from = previous.member(previous.ownerOf(shard));
        Epoch epoch = epochs.epoch();
        ShardPull pull = new ShardPull(client, store, settings, () -> !closed && stillCurrent(epoch));
        for (SliverType type : SliverType.values()) {
            if (progress.pulled(epoch, shard, type)) {
                continue;
            }
            ShardPull.Outcome outcome = from.isEmpty() ? ShardPull.Outcome.UNREACHABLE
                    : pull.run(new ShardPull.Target(epoch, shard, type, from.get(), epochs.current().nShards()));
            if (outcome == ShardPull.Outcome.UNREACHABLE) {
                progress.markRecovering(epoch, shard);
                LOG.warn("Previous owner {} of shard {} does not answer; recovering the shard blob by blob instead",
                        previous.ownerOf(shard), shard.value());
                return;
            }
            if (outcome == ShardPull.Outcome.STOPPED) {
                return;
            }
        }
    }

    private boolean stillCurrent(Epoch epoch) {
        return committees.epochs().map(e -> e.epoch().equals(epoch) && e.state() == EpochState.EPOCH_CHANGE_SYNC)
                .orElse(false);
    }

    /** Reports the epoch synced, retrying with a growing delay a bounded number of times. */
    private void report(Epoch epoch) {
        for (int attempt = 1; attempt <= settings.attempts() && !closed; attempt++) {
            try {
                control.reportShardsSynced(self, epoch).toCompletableFuture()
                        .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Storage node {} pulled every shard it gained in epoch {}; reported its sync done{}", self,
                        epoch, recovery.idle() ? "" : " (recovery of what is still missing goes on)");
                settleReported(epoch);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Reporting epoch {} synced failed (try {}): {}", epoch, attempt, e.toString());
                if (!sleep(settings.retryDelay(attempt))) {
                    return;
                }
            }
        }
    }

    private void finish(Epoch epoch) {
        if (!progress.finished(epoch)) {
            progress.markFinished(epoch);
        }
    }

    /**
     * The shards of every epoch whose sync is not finished: in transfer while still to pull; in recovery once given
     * to recovery, or pulled and waiting for the recheck to rebuild what the pull left out.
     */
    private void refreshStatus() {
        List<Epoch> open = progress.unfinished();
        if (open.isEmpty()) {
            status = NodeHealth.ShardSync.NONE;
            return;
        }
        List<ShardIndex> transfer = new ArrayList<>();
        List<ShardIndex> recovering = new ArrayList<>();
        for (Epoch epoch : open) {
            for (ShardIndex shard : progress.started(epoch).orElse(List.of())) {
                boolean rebuilding = progress.recovering(epoch, shard) || pulledWhole(epoch, shard);
                (rebuilding ? recovering : transfer).add(shard);
            }
        }
        status = new NodeHealth.ShardSync(transfer, recovering, open.get(open.size() - 1));
    }

    /** Waits; false when interrupted (the driver is closing), with the interrupt kept. */
    static boolean sleep(java.time.Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops polling and interrupts a pull in progress; its cursor stays where the last stored batch left it. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
