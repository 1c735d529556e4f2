package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Makes this node hold everything the committee gives it of one blob: its metadata and, on each of its shards, the
 * blob's sliver pair. It asks {@link PairRecovery} for all the pairs it lacks at once (a peer then answers one
 * request for all of them), and sums up what happened.
 */
final class BlobRepair {
    private final NodeId nodeId;
    private final SliverStore store;
    private final PairRecovery recovery;
    private final Executor blocking;

    BlobRepair(NodeId nodeId, SliverStore store, PairRecovery recovery, Executor blocking) {
        this.nodeId = nodeId;
        this.store = store;
        this.recovery = recovery;
        this.blocking = blocking;
    }

    /** The pairs of the blob this node should hold but lacks (a sliver, or the blob's metadata). Blocking. */
    List<SliverPairIndex> missingPairs(Committee committee, BlobId blobId) {
        int n = committee.nShards();
        int rotation = blobId.rotation(n);
        boolean metadata = store.hasMetadata(blobId);
        List<SliverPairIndex> missing = new ArrayList<>();
        for (ShardIndex shard : committee.shardsOf(nodeId)) {
            if (!metadata || !store.hasSliver(shard, SliverType.PRIMARY, blobId)
                    || !store.hasSliver(shard, SliverType.SECONDARY, blobId)) {
                missing.add(SliverPairIndex.onShard(shard, rotation, n));
            }
        }
        return missing;
    }

    /**
     * Recovers every pair still missing, checked again now. Completes with {@code AlreadyHeld} when nothing was
     * missing, {@code Rebuilt} with the totals when everything was rebuilt, the first {@code Inconsistent} (which
     * stops the rest: the blob is invalid), or else {@code Failed} naming the first failure (the rest still ran).
     */
    CompletionStage<RecoveryOutcome> heal(Committee committee, BlobId blobId) {
        return CompletableFuture.supplyAsync(() -> missingPairs(committee, blobId), blocking)
                .thenCompose(missing -> recoverAll(blobId, missing))
                .exceptionally(e -> new RecoveryOutcome.Failed("checking the stored slivers failed: " + e));
    }

    private CompletionStage<RecoveryOutcome> recoverAll(BlobId blobId, List<SliverPairIndex> pairs) {
        if (pairs.isEmpty()) {
            return CompletableFuture.completedFuture(new RecoveryOutcome.AlreadyHeld());
        }
        CompletionStage<RecoveryOutcome> stage;
        try {
            stage = recovery.recover(blobId, pairs);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        // PairRecovery counts its outcomes in the node's HealingMetrics (PeerPairRecovery does), so not here.
        return stage.exceptionally(e -> new RecoveryOutcome.Failed("recovery of " + pairs.size() + " pairs threw " + e));
    }

    /** The outcome of two steps: inconsistency wins, then the first failure, then the sum of what was rebuilt. */
    static RecoveryOutcome combine(RecoveryOutcome a, RecoveryOutcome b) {
        if (a instanceof RecoveryOutcome.Inconsistent || a instanceof RecoveryOutcome.Failed) {
            return b instanceof RecoveryOutcome.Inconsistent ? b : a;
        }
        if (b instanceof RecoveryOutcome.Inconsistent || b instanceof RecoveryOutcome.Failed) {
            return b;
        }
        if (a instanceof RecoveryOutcome.Rebuilt x && b instanceof RecoveryOutcome.Rebuilt y) {
            return new RecoveryOutcome.Rebuilt(x.slivers() + y.slivers(), x.bytesFetched() + y.bytesFetched(),
                    x.bytesRebuilt() + y.bytesRebuilt());
        }
        return a instanceof RecoveryOutcome.Rebuilt ? a : b;
    }
}
