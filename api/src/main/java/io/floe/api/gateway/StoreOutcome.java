package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.Registration;

/**
 * What a store did: certified a registration it paid for or found pending, or found the blob certified long enough
 * already. Whatever it did, the gateway account paid at most once for the registration it answers.
 */
public sealed interface StoreOutcome {
    BlobId blobId();

    Registration registration();

    /** How a newly certified blob got its registration, in Walrus's {@code RegisterBlobOp} terms. */
    enum ResourceOperation {
        /** Paid for and registered by this store. */
        REGISTER_FROM_SCRATCH,
        /** A pending registration of the gateway account, paid by an earlier store that did not certify it. */
        REUSE_REGISTRATION
    }

    /**
     * A registration uploaded and certified by this store (its point of availability is recorded).
     *
     * @param operation whether this store paid for the registration or reused a pending one
     */
    record NewlyCreated(BlobId blobId, Registration registration, int epochsAhead, ResourceOperation operation)
            implements StoreOutcome {
        /** What this store charged: nothing when it reused a registration paid before, as Walrus reports it. */
        public long cost() {
            return operation == ResourceOperation.REUSE_REGISTRATION ? 0 : registration.cost();
        }
    }

    /** A certified registration already lasts at least as long as asked; nothing was paid or uploaded. */
    record AlreadyCertified(BlobId blobId, Registration registration) implements StoreOutcome {
    }
}
