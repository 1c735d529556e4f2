package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;

/** A request to pay for and register one blob for {@code epochsAhead} epochs from the current one. */
public record RegisterBlob(BlobId blobId, ObjectId objectId, long unencodedLength, int nShards, int epochsAhead,
                           boolean deletable) {
    public RegisterBlob {
        if (epochsAhead < 1) {
            throw new IllegalArgumentException("epochs must be >= 1: " + epochsAhead);
        }
        if (unencodedLength < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + unencodedLength);
        }
    }
}
