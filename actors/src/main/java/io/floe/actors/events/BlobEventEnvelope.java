package io.floe.actors.events;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import java.util.Objects;

/**
 * One Blob entity event as the feed delivers it: the blob it belongs to, the event, its sequence number within
 * that blob's entity, the feed offset to resume after it, and when the journal wrote it ({@code writtenAtMillis},
 * milliseconds since the epoch by the writing member's clock), from which consumers measure how far behind they are.
 */
public record BlobEventEnvelope(FeedOffset offset, BlobId blobId, long sequenceNr, BlobEntity.Event event,
                                long writtenAtMillis) {
    public BlobEventEnvelope {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(event, "event");
    }
}
