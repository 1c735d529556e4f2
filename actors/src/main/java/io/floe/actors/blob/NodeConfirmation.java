package io.floe.actors.blob;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;
import java.util.Objects;

/**
 * A storage node's signed protocol message, not yet checked: BLOB_CERT in {@link BlobEntity.Certify},
 * INVALID_BLOB_ID in {@link BlobEntity.MarkInvalid}.
 */
public record NodeConfirmation(NodeId node, SignedMessage confirmation) {
    public NodeConfirmation {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(confirmation, "confirmation");
    }
}
