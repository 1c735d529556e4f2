package io.floe.actors.blob;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;
import java.util.Objects;

/** A storage node's signed BLOB_CERT message, as handed to {@link BlobEntity.Certify}; not yet checked. */
public record NodeConfirmation(NodeId node, SignedMessage confirmation) {
    public NodeConfirmation {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(confirmation, "confirmation");
    }
}
