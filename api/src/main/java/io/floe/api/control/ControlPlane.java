package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.NodeConfirmation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The control plane as the HTTP layer sees it: the ledger and the Blob entities, reached through actors in a
 * running member. Every call is idempotent and bounded in time; a stage that fails with
 * {@link ControlPlaneException} says why.
 */
public interface ControlPlane {
    /** The committee of the current epoch. */
    CompletionStage<Committee> committee();

    /** Prices, epoch and the gateway account's balance. */
    CompletionStage<LedgerInfo> ledgerInfo();

    /** Everything known about a blob ID; {@link BlobRecord#unknown} when it was never registered. */
    CompletionStage<BlobRecord> blob(BlobId blobId);

    /**
     * Charges the gateway account for the storage and registers the blob. Registering the same object ID twice
     * charges once and answers the first registration.
     */
    CompletionStage<Registration> register(RegisterBlob request);

    /**
     * Records the point of availability of one registration from nodes' signed confirmations; answers the blob
     * afterwards. Fails with {@link ControlPlaneException.NotEnoughConfirmations} when the valid signatures do not
     * reach a quorum of shards. Certifying a certified registration changes nothing.
     */
    CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations);

    /**
     * Marks the blob invalid from nodes' signed INVALID_BLOB_ID messages of the current epoch (each verified by the
     * Blob entity); answers the blob afterwards, {@link BlobRecord#invalid()} true. Fails with
     * {@link ControlPlaneException.NotEnoughSignatures} when the valid ones do not reach validity weight
     * ({@code 3w >= n+1}). Marking an invalid blob again changes nothing.
     */
    CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures);
}
