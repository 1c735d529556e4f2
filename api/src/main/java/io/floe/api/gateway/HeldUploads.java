package io.floe.api.gateway;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A small blob's uploads that nodes hold until the blob is registered ({@link NodeUploads#hold}), sent while the
 * gateway pays for and registers it: each node's completes when the node verified and buffered its metadata and
 * slivers. The upload that follows the registration asks such a node only for its confirmation, and uploads to it
 * afresh when the held upload or that confirmation failed. Held uploads belong to one committee: an upload to any
 * other committee ignores them.
 */
record HeldUploads(Optional<Committee> committee, Map<NodeId, CompletableFuture<Void>> byNode) {
    /** Nothing held (a larger blob, or holding turned off). */
    static final HeldUploads NONE = new HeldUploads(Optional.empty(), Map.of());

    HeldUploads {
        byNode = Map.copyOf(byNode);
    }

    /** The node's held upload, when it was sent for {@code to}'s epoch. */
    Optional<CompletableFuture<Void>> of(Committee to, NodeId node) {
        return committee.filter(held -> held.epoch().equals(to.epoch()))
                .flatMap(held -> Optional.ofNullable(byNode.get(node)));
    }
}
