package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.ledger.StakeChange;
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

    /**
     * The current epoch's committees and state (previous committee while shards move, next once selected). Never
     * blocks on the ledger when this member already knows them.
     */
    CompletionStage<EpochCommittees> epochs();

    /**
     * Stakes {@code amount} FROST of the gateway account with {@code node}'s pool (Walrus's {@code stake_with_pool}).
     * Refused ({@link ControlPlaneException.Rejected}) for an unknown node or an amount not above 0, and
     * {@link ControlPlaneException.InsufficientFunds} above the balance.
     */
    CompletionStage<StakeChange> stake(NodeId node, long amount);

    /** Requests the withdrawal of every stake of the gateway account with {@code node}; refused when there is none. */
    CompletionStage<StakeChange> requestWithdrawStake(NodeId node);

    /**
     * Returns to the gateway account every stake with {@code node} whose withdrawal is due; refused when none is due
     * yet (the message says from which epoch it will be).
     */
    CompletionStage<StakeChange> withdrawStake(NodeId node);

    /** Records that {@code node} holds every shard it gained in {@code epoch} (Walrus's {@code epoch_sync_done}). */
    CompletionStage<Void> reportShardsSynced(NodeId node, Epoch epoch);

    /** Prices, epoch and the gateway account's balance. */
    CompletionStage<LedgerInfo> ledgerInfo();

    /**
     * The account this gateway pays from, the owner of the registrations {@link #register} makes. A member knows it
     * from its configuration; this default asks the ledger.
     */
    default CompletionStage<String> gatewayAccount() {
        return ledgerInfo().thenApply(LedgerInfo::gatewayAccount);
    }

    /** Everything known about a blob ID; {@link BlobRecord#unknown} when it was never registered. */
    CompletionStage<BlobRecord> blob(BlobId blobId);

    /**
     * Pays for (or reuses a free storage resource of the payer's for) the storage and registers the blob: the gateway
     * account pays, or the signer of {@link RegisterBlob#authorization()}; the registration is owned by
     * {@link RegisterBlob#sendTo()} when set, else by the payer. Registering the same object ID twice charges once
     * and answers the first registration.
     */
    CompletionStage<RegisteredBlob> register(RegisterBlob request);

    /**
     * Carries out a signed request other than {@code register_blob} (DESIGN.md §10): object operations through the
     * blob's entity (paying at the ledger first for an extension, returning a deleted blob's storage after), the
     * others at the ledger. Retrying the same request answers the same receipt. Fails with
     * {@link ControlPlaneException.Refused} (the request's fault: signature, time, owner, state of the object),
     * {@link ControlPlaneException.InsufficientFunds}, or as other calls do.
     */
    default CompletionStage<RequestReceipt> submit(io.floe.protocol.account.SignedRequest request) {
        return unsupported("signed requests");
    }

    /** Moves {@code amount} FROST from the network's faucet to {@code account}; answers its balance afterwards. */
    default CompletionStage<Long> faucet(String account, long amount) {
        return unsupported("the faucet");
    }

    /** An account's balance and free storage resources. */
    default CompletionStage<io.floe.protocol.ledger.AccountInfo> account(String account) {
        return unsupported("accounts");
    }

    /** The funds of a shared blob object (0 for one without funds or not shared). */
    default CompletionStage<Long> sharedFunds(ObjectId objectId) {
        return unsupported("shared blobs");
    }

    private static <T> CompletionStage<T> unsupported(String what) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new ControlPlaneException.Unavailable("this control plane does not offer " + what, null));
    }

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
