package io.floe.api.control;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;

/** A storage node's signed BLOB_CERT message: it holds every sliver pair of the blob on all its shards. */
public record NodeConfirmation(NodeId node, SignedMessage confirmation) {
}
