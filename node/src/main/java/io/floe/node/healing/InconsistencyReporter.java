package io.floe.node.healing;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.InconsistencyProof;
import java.util.concurrent.CompletionStage;

/**
 * Publishes an inconsistency proof (DESIGN.md §6): sends it to the committee's nodes, collects their signed
 * INVALID_BLOB_ID messages until they reach validity weight, and submits them to the blob's entity, which marks the
 * blob invalid. Completes true once the blob is marked invalid, false if not enough nodes signed (retry later).
 */
interface InconsistencyReporter {
    CompletionStage<Boolean> report(BlobId blobId, InconsistencyProof proof);
}
