package io.floe.cli.client;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;

/**
 * The gateway's answer to a store, one variant per Walrus publisher shape. {@link #json()} is the answer as the
 * gateway sent it, re-serialised on one line.
 */
public sealed interface StoreResult permits StoreResult.NewlyCreated, StoreResult.AlreadyCertified,
        StoreResult.MarkedInvalid {
    BlobId blobId();

    String json();

    /** The blob was registered and certified by this request ({@code newlyCreated}). */
    record NewlyCreated(BlobId blobId, ObjectId objectId, long size, Epoch endEpoch, boolean deletable, long cost,
            String json) implements StoreResult {
    }

    /** The blob was already certified until {@code endEpoch}; nothing was paid ({@code alreadyCertified}). */
    record AlreadyCertified(BlobId blobId, Epoch endEpoch, String json) implements StoreResult {
    }

    /** The network holds a proof that this blob's encoding is inconsistent ({@code markedInvalid}). */
    record MarkedInvalid(BlobId blobId, String json) implements StoreResult {
    }
}
