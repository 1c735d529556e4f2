package io.floe.node.sync;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.NodeId;

/**
 * A previous owner answered a sync batch out of blob-ID order (before the requested start, or not increasing): the
 * batch is not stored past that point and is asked for again, like a batch that did not arrive. Kept apart from
 * local failures (a closed store), which must not count as the previous owner failing.
 */
final class OutOfOrderAnswerException extends Exception {
    private final NodeId from;
    private final BlobId blobId;

    OutOfOrderAnswerException(NodeId from, BlobId blobId) {
        super("node " + from + " answered blob " + blobId + " out of blob-ID order");
        this.from = from;
        this.blobId = blobId;
    }

    NodeId from() {
        return from;
    }

    BlobId blobId() {
        return blobId;
    }
}
