package io.floe.protocol.signing;

import io.floe.protocol.committee.NodeId;
import java.util.Objects;

/**
 * A storage node's signed protocol message as a writer collects it and the Blob entity receives it, not yet
 * checked: a BLOB_CERT (the node holds every sliver pair of the blob on all its shards) towards a certificate, or an
 * INVALID_BLOB_ID (the node verified an inconsistency proof) towards marking the blob invalid.
 *
 * <p>Invariant: both parts are present; whether {@code confirmation} is really {@code node}'s signature over the
 * expected message is for the receiver to check ({@link ConfirmationVerifier}).
 */
public record NodeConfirmation(NodeId node, SignedMessage confirmation) {
    public NodeConfirmation {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(confirmation, "confirmation");
    }
}
