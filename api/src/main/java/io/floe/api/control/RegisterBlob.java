package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to pay for (or reuse storage for) and register one blob for {@code epochsAhead} epochs from the current
 * one.
 *
 * @param authorization a signed {@code register_blob} request: the signer pays and owns the registration; empty:
 *                      the gateway account pays and owns it
 * @param sendTo        the address that owns the registration instead (Walrus's {@code send_object_to})
 */
public record RegisterBlob(BlobId blobId, ObjectId objectId, long unencodedLength, int nShards, int epochsAhead,
                           boolean deletable, Optional<SignedRequest> authorization, Optional<String> sendTo) {
    public RegisterBlob {
        if (epochsAhead < 1) {
            throw new IllegalArgumentException("epochs must be >= 1: " + epochsAhead);
        }
        if (unencodedLength < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + unencodedLength);
        }
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(sendTo, "sendTo");
    }

    /** Paid for and owned by the gateway account. */
    public RegisterBlob(BlobId blobId, ObjectId objectId, long unencodedLength, int nShards, int epochsAhead,
                        boolean deletable) {
        this(blobId, objectId, unencodedLength, nShards, epochsAhead, deletable, Optional.empty(), Optional.empty());
    }
}
