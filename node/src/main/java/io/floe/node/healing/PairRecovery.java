package io.floe.node.healing;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.BlobId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rebuilds this node's sliver pair {@code pair} of a certified blob from other nodes' symbols (DESIGN.md §6):
 * the metadata first if it is missing (verified against the blob ID), then the secondary sliver from {@code np}
 * symbols and the primary from {@code ns}, each verified against the metadata before it is stored. Slivers the node
 * already holds are kept. Never throws: every failure is an outcome.
 */
interface PairRecovery {
    CompletionStage<RecoveryOutcome> recover(BlobId blobId, SliverPairIndex pair);

    /**
     * Recovers several pairs of one blob; the outcome is {@link BlobRepair#combine}d over them. This default recovers
     * them one after the other; an implementation may do them together (one request per peer for all of them).
     */
    default CompletionStage<RecoveryOutcome> recover(BlobId blobId, List<SliverPairIndex> pairs) {
        CompletionStage<RecoveryOutcome> sofar = CompletableFuture.completedFuture(new RecoveryOutcome.AlreadyHeld());
        for (SliverPairIndex pair : pairs) {
            sofar = sofar.thenCompose(before -> before instanceof RecoveryOutcome.Inconsistent
                    ? CompletableFuture.completedFuture(before)
                    : recover(blobId, pair).exceptionally(e -> new RecoveryOutcome.Failed(
                            "recovery of pair " + pair.value() + " threw " + e))
                    .thenApply(outcome -> BlobRepair.combine(before, outcome)));
        }
        return sofar;
    }
}
