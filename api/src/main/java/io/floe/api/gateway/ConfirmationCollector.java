package io.floe.api.gateway;

import io.floe.api.node.NodeRequestException;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.NodeConfirmation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the nodes' confirmations of one upload. The result completes {@code tail} after the confirmed weight first
 * reaches a quorum (so slower nodes still get their pairs in and sign), at once when every node has answered, and
 * fails when every node has answered without a quorum.
 */
final class ConfirmationCollector {
    private final Committee committee;
    private final Duration tail;
    private final List<NodeConfirmation> confirmed = new ArrayList<>();
    private final Set<NodeId> answered = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final CompletableFuture<List<NodeConfirmation>> result = new CompletableFuture<>();
    private final int expected;
    private boolean quorum;
    private boolean refusedAsNotOwner;

    ConfirmationCollector(Committee committee, Duration tail) {
        this.committee = committee;
        this.tail = tail;
        this.expected = (int) committee.members().stream().filter(m -> !committee.shardsOf(m.id()).isEmpty()).count();
    }

    CompletableFuture<List<NodeConfirmation>> result() {
        return result;
    }

    synchronized void confirmed(NodeConfirmation confirmation) {
        confirmed.add(confirmation);
        answered.add(confirmation.node());
        if (!quorum && committee.isQuorum(weight())) {
            quorum = true;
            CompletableFuture.delayedExecutor(tail.toMillis(), TimeUnit.MILLISECONDS).execute(this::finish);
        }
        finishIfAllAnswered();
    }

    synchronized void failed(NodeId node, Throwable error) {
        answered.add(node);
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        failures.add(node + ": " + cause.getMessage());
        refusedAsNotOwner |= isNotOwner(cause);
        finishIfAllAnswered();
    }

    private void finishIfAllAnswered() {
        if (answered.size() < expected) {
            return;
        }
        if (quorum) {
            finish();
        } else {
            result.completeExceptionally(new StoreFailedException("confirmations cover " + weight() + " of "
                    + committee.nShards() + " shards, short of a quorum (3w >= 2n+1); failures: " + failures,
                    refusedAsNotOwner));
        }
    }

    /**
     * A node's refusal because it does not hold the shard: 421 with {@code WRONG_NODE}, or Walrus's
     * {@code SHARD_NOT_ASSIGNED} (sent with 400 by Walrus); a confirmation refused for a shard it owns that was not
     * uploaded to it, or signed for another epoch: its committee changed before or after this gateway's.
     */
    static boolean isNotOwner(Throwable cause) {
        if (cause instanceof StoreFailedException s) {
            return s.refusedAsNotOwner();
        }
        if (!(cause instanceof NodeRequestException e)) {
            return false;
        }
        // NOT_ALL_SLIVERS_STORED: the node owns a shard in its committee that this gateway's did not give it.
        return e.status() == 421 || e.code().equals("WRONG_NODE") || e.code().equals("SHARD_NOT_ASSIGNED")
                || e.code().equals("NOT_ALL_SLIVERS_STORED");
    }

    private synchronized void finish() {
        result.complete(List.copyOf(confirmed));
    }

    private int weight() {
        return committee.weightOf(confirmed.stream().map(NodeConfirmation::node).toList());
    }
}
