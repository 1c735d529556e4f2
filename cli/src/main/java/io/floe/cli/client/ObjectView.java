package io.floe.cli.client;

import io.floe.encoding.metadata.BlobId;
import java.util.OptionalLong;

/**
 * A blob object looked up by its ID ({@code GET /v1/objects/{objectId}}): the blob it belongs to, the object, and
 * for a shared blob the FROST its funds hold. {@link #json()} is the answer on one line.
 */
public record ObjectView(BlobId blobId, BlobObject object, OptionalLong sharedFunds, String json) {
}
