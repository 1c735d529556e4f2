package io.floe.node.healing;

import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.persistence.sliver.BacklogEntry;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the backlog: at most {@code parallelism} blobs at once, each when it is due. A healed blob leaves the
 * backlog; a failed one waits longer each time; an inconsistent one is reported until the report is accepted (the
 * proof is kept in memory for the retries; after a restart the blob is rebuilt again, which finds the proof again).
 */
final class BacklogScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEventProcessor.class);

    record Parts(CommitteeView committees, SliverStore store, RecoveryBacklog backlog,
                 BlobRepair repair, InconsistencyReporter reporter, HealingMetrics metrics) {
    }

    private final Parts parts;
    private final RecoverySettings settings;
    private final Clock clock;
    private final Executor blocking;
    private final Consumer<BlobId> markInvalid;
    /** False for a blob the node no longer owes (invalid, expired or deleted): it is not healed. */
    private final Predicate<BlobId> owed;
    private final Map<BlobId, InconsistencyProof> proofs = new ConcurrentHashMap<>();
    private int running;
    private volatile boolean closed;

    BacklogScheduler(Parts parts, RecoverySettings settings, Clock clock, Executor blocking,
                   Consumer<BlobId> markInvalid, Predicate<BlobId> owed) {
        this.parts = parts;
        this.settings = settings;
        this.clock = clock;
        this.blocking = blocking;
        this.markInvalid = markInvalid;
        this.owed = owed;
    }

    int missingPairs(Committee committee, BlobId blobId) {
        return parts.repair().missingPairs(committee, blobId).size();
    }

    /** Starts due entries until {@code parallelism} run. Cheap when nothing is due; safe from any thread. */
    void drain() {
        while (!closed) {
            Optional<BacklogEntry> next = takeSlot();
            if (next.isEmpty()) {
                return;
            }
            BacklogEntry entry = next.get();
            CompletableFuture.supplyAsync(() -> attempt(entry), blocking)
                    .thenCompose(stage -> stage)
                    .whenCompleteAsync((done, error) -> finished(entry, error), blocking);
        }
    }

    private synchronized Optional<BacklogEntry> takeSlot() {
        if (running >= settings.parallelism() || parts.committees().current().isEmpty()) {
            return Optional.empty();
        }
        Optional<BacklogEntry> next = parts.backlog().takeDue(clock.millis());
        if (next.isPresent()) {
            running++;
        }
        return next;
    }

    private void finished(BacklogEntry entry, Throwable error) {
        synchronized (this) {
            running--;
        }
        if (error != null) {
            // The store failed (or closed): the entry stays as stored and is taken again after the shortest backoff.
            LOG.debug("Recovery of blob {} stopped: {}", entry.blobId(), error.toString());
            parts.backlog().release(entry.blobId(), clock.millis() + settings.retryBackoffMin().toMillis());
        }
        parts.metrics().setPending(parts.backlog().size());
        drain();
    }

    /** One attempt on a taken entry; completes when the entry is settled (finished or due again). */
    private CompletionStage<Void> attempt(BacklogEntry entry) {
        BlobId blobId = entry.blobId();
        if (!owed.test(blobId)) {
            parts.backlog().remove(blobId);
            return CompletableFuture.completedFuture(null);
        }
        InconsistencyProof proof = proofs.get(blobId);
        if (entry.kind() == BacklogEntry.Kind.REPORT && proof != null) {
            return report(entry, proof);
        }
        Committee committee = parts.committees().current().orElseThrow();
        return parts.repair().heal(committee, blobId).thenComposeAsync(outcome -> settle(entry, outcome), blocking);
    }

    private CompletionStage<Void> settle(BacklogEntry entry, RecoveryOutcome outcome) {
        BlobId blobId = entry.blobId();
        if (outcome instanceof RecoveryOutcome.Inconsistent inconsistent) {
            LOG.info("Blob {} is encoded inconsistently; reporting its inconsistency proof", blobId);
            proofs.put(blobId, inconsistent.proof());
            return report(entry, inconsistent.proof());
        }
        if (outcome instanceof RecoveryOutcome.Failed failed) {
            retry(entry, BacklogEntry.Kind.RECOVER, failed.reason());
            return CompletableFuture.completedFuture(null);
        }
        parts.backlog().finish(blobId);
        if (!owed.test(blobId)) {
            // Marked invalid, expired or deleted while this recovery ran: what it stored goes as well.
            parts.store().deleteBlob(blobId);
        } else if (outcome instanceof RecoveryOutcome.Rebuilt rebuilt) {
            LOG.info("Recovered blob {}: rebuilt {} slivers ({} bytes) from {} bytes fetched", blobId,
                    rebuilt.slivers(), rebuilt.bytesRebuilt(), rebuilt.bytesFetched());
        } else {
            LOG.debug("Blob {} needed nothing after all", blobId);
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> report(BacklogEntry entry, InconsistencyProof proof) {
        BlobId blobId = entry.blobId();
        CompletionStage<Boolean> reported;
        try {
            reported = parts.reporter().report(blobId, proof);
        } catch (RuntimeException e) {
            reported = CompletableFuture.failedFuture(e);
        }
        return reported.handleAsync((accepted, error) -> {
            if (Boolean.TRUE.equals(accepted)) {
                markInvalid.accept(blobId);
            } else {
                retry(entry, BacklogEntry.Kind.REPORT, error == null
                        ? "the inconsistency proof has not reached validity weight yet" : "reporting failed: " + error);
            }
            return null;
        }, blocking);
    }

    private void retry(BacklogEntry entry, BacklogEntry.Kind kind, String reason) {
        Duration delay = settings.retryDelay(entry.attempts() + 1);
        parts.backlog().retry(entry.retried(kind, clock.millis() + delay.toMillis(), reason));
        if (entry.attempts() == 0) {
            LOG.info("Blob {} could not be {} yet ({}); queued, next attempt in {}", entry.blobId(),
                    kind == BacklogEntry.Kind.REPORT ? "marked invalid" : "recovered", reason, delay);
        } else {
            LOG.debug("Blob {}: attempt {} did not finish ({}); next in {}", entry.blobId(), entry.attempts() + 1,
                    reason, delay);
        }
    }

    /** The blob is invalid: its proof is no longer needed. */
    void forget(BlobId blobId) {
        proofs.remove(blobId);
    }

    void close() {
        closed = true;
    }
}
