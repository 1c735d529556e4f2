package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.Registration;

/** What a store did: created and certified a new registration, or found the blob certified long enough already. */
public sealed interface StoreOutcome {
    BlobId blobId();

    Registration registration();

    /** A new registration, paid for, uploaded and certified (its point of availability is recorded). */
    record NewlyCreated(BlobId blobId, Registration registration, int epochsAhead) implements StoreOutcome {
    }

    /** A certified registration already lasts at least as long as asked; nothing was paid or uploaded. */
    record AlreadyCertified(BlobId blobId, Registration registration) implements StoreOutcome {
    }
}
