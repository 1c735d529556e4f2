package io.floe.protocol.signing;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.Objects;
import java.util.Optional;

/**
 * A protocol message read back from its bytes by {@link ProtocolMessages#parse(byte[])}.
 *
 * @param objectId present only for a {@link IntentType#BLOB_CERT} of a deletable blob: the registration it
 *                 confirms; empty for a permanent blob and for {@link IntentType#INVALID_BLOB_ID}
 */
public record ParsedMessage(IntentType intent, Epoch epoch, BlobId blobId, Optional<ObjectId> objectId) {
    public ParsedMessage {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(objectId, "objectId");
        if (objectId.isPresent() && intent != IntentType.BLOB_CERT) {
            throw new IllegalArgumentException("only a storage confirmation names an object ID, not " + intent);
        }
    }

    /** Whether this confirms a deletable registration (Walrus's {@code BlobPersistenceType::Deletable}). */
    public boolean deletable() {
        return objectId.isPresent();
    }
}
