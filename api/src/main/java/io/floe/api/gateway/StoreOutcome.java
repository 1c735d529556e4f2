package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.ResourceOperation;

/**
 * What a store did: certified a registration it paid for or found pending, or found the blob certified long enough
 * already. Whatever it did, the gateway account paid at most once for the registration it answers.
 */
public sealed interface StoreOutcome {
    BlobId blobId();

    Registration registration();

    /**
     * A registration uploaded and certified by this store (its point of availability is recorded).
     *
     * @param operation how the registration got its storage
     * @param cost      what this store charged: nothing when it reused a registration paid before
     * @param extendedEpochs for {@link ResourceOperation#REUSE_AND_EXTEND}, the epochs bought beyond the reused
     *                       resource; 0 otherwise
     */
    record NewlyCreated(BlobId blobId, Registration registration, int epochsAhead, ResourceOperation operation,
                        long cost, int extendedEpochs) implements StoreOutcome {
        public NewlyCreated(BlobId blobId, Registration registration, int epochsAhead, ResourceOperation operation,
                            long cost) {
            this(blobId, registration, epochsAhead, operation, cost, 0);
        }
    }

    /** A certified registration already lasts at least as long as asked; nothing was paid or uploaded. */
    record AlreadyCertified(BlobId blobId, Registration registration) implements StoreOutcome {
    }
}
