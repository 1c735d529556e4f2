package io.floe.cluster.control;

import io.floe.api.node.NodeHealth;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Waits until every member of a committee serves every shard it owns, as its {@code /v1/health} tells; what
 * {@code floe local} and the test networks wait for before they call a network ready. Start-up work that competes
 * with the nodes' shards for the journal and the shard coordinators (the Blob shard warm-up) waits for it.
 */
public final class CommitteeServing {
    private CommitteeServing() {
    }

    /**
     * Completes with true once every member of {@code committee} holds its shards, asking them all again every
     * {@code every}; with false after {@code bound} (a node that never comes must not hold back what waits). Never
     * completes exceptionally: a node that does not answer counts as not serving yet.
     */
    public static CompletionStage<Boolean> await(Committee committee,
                                                 Function<StorageNodeInfo, CompletionStage<NodeHealth>> health,
                                                 Duration every, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        poll(committee, health, every, deadline, done);
        return done;
    }

    private static void poll(Committee committee, Function<StorageNodeInfo, CompletionStage<NodeHealth>> health,
                             Duration every, long deadline, CompletableFuture<Boolean> done) {
        allServing(committee, health).whenComplete((serving, error) -> {
            if (error == null && serving) {
                done.complete(true);
            } else if (System.nanoTime() - deadline >= 0) {
                done.complete(false);
            } else {
                CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> poll(committee, health, every, deadline, done));
            }
        });
    }

    private static CompletableFuture<Boolean> allServing(Committee committee,
                                                         Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        List<CompletableFuture<Boolean>> answers = committee.members().stream()
                .map(node -> serves(committee, node, health))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> answers.stream().allMatch(CompletableFuture::join));
    }

    /** Whether {@code node} holds its shards now; false when it does not answer (or asking it throws). */
    private static CompletableFuture<Boolean> serves(Committee committee, StorageNodeInfo node,
                                                     Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        try {
            return health.apply(node).thenApply(h -> h.shardsHeld().containsAll(committee.shardsOf(node.id())))
                    .exceptionally(notYet -> false).toCompletableFuture();
        } catch (RuntimeException notYet) {
            return CompletableFuture.completedFuture(false);
        }
    }
}
