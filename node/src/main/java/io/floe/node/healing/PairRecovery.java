package io.floe.node.healing;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.BlobId;
import java.util.concurrent.CompletionStage;

/**
 * Rebuilds this node's sliver pair {@code pair} of a certified blob from other nodes' symbols (DESIGN.md §6):
 * the metadata first if it is missing (verified against the blob ID), then the secondary sliver from {@code np}
 * symbols and the primary from {@code ns}, each verified against the metadata before it is stored. Slivers the node
 * already holds are kept. Never throws: every failure is an outcome.
 */
interface PairRecovery {
    CompletionStage<RecoveryOutcome> recover(BlobId blobId, SliverPairIndex pair);
}
