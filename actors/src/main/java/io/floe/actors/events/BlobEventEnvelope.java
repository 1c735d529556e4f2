package io.floe.actors.events;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import java.util.Objects;

/**
 * One Blob entity event as the feed delivers it: the blob it belongs to, the event, its sequence number within
 * that blob's entity, and the feed offset to resume after it.
 */
public record BlobEventEnvelope(FeedOffset offset, BlobId blobId, long sequenceNr, BlobEntity.Event event) {
    public BlobEventEnvelope {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(event, "event");
    }
}
