package io.floe.cli.client;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /v1/blobs} as the gateway answered it: whose blobs ({@code owner}, empty for a listing of
 * every blob), the blobs, and the cursor of the next page when there is one. {@link #json()} is the answer on one
 * line.
 */
public record BlobListPage(Optional<String> owner, List<Blob> blobs, Optional<String> nextCursor, String json) {
    public BlobListPage {
        blobs = List.copyOf(blobs);
    }

    /** One listed blob; {@code status} is the wire form ({@code registered}, {@code certified}, {@code invalid}). */
    public record Blob(BlobId blobId, String status, long size, Epoch endEpoch, List<Owner> owners,
                       Optional<Epoch> certifiedEpoch) {
        public Blob {
            owners = List.copyOf(owners);
        }
    }

    /** One registration's owner and object ID. */
    public record Owner(String owner, ObjectId objectId) {
    }
}
