package io.floe.api.control;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;

/**
 * A storage node's signed protocol message: BLOB_CERT (it holds every sliver pair of the blob on all its shards)
 * for {@link ControlPlane#certify}, INVALID_BLOB_ID (it verified an inconsistency proof) for
 * {@link ControlPlane#markInvalid}.
 */
public record NodeConfirmation(NodeId node, SignedMessage confirmation) {
}
