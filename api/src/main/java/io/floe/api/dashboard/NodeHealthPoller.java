package io.floe.api.dashboard;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeHealth;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The last {@code GET /v1/health} answer of each storage node, asked in the background: the source of the dashboard's
 * recovery activity (each node's self-healing counters, and the shards it is pulling or rebuilding). A state request
 * never waits for a node; it shows what the last poll learnt.
 *
 * <p>Invariants: at most one request per node is in flight (a frozen node does not pile requests up), each is
 * bounded by {@link #TIMEOUT}, and nodes that left the committee are forgotten.
 */
final class NodeHealthPoller {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What the last poll of a node learnt: its health, or why there was none. */
    record Polled(Optional<NodeHealth> health, Optional<String> error) {
    }

    private final Function<StorageNodeInfo, CompletionStage<NodeHealth>> health;
    private final Map<NodeId, Polled> last = new ConcurrentHashMap<>();
    private final Set<NodeId> inFlight = ConcurrentHashMap.newKeySet();

    /** {@code health} asks one node; a poller built with {@link #none()} asks nobody. */
    NodeHealthPoller(Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        this.health = health;
    }

    static NodeHealthPoller none() {
        return new NodeHealthPoller(null);
    }

    /** Asks each of {@code nodes} not already being asked; forgets nodes not among them. */
    void poll(Collection<StorageNodeInfo> nodes) {
        last.keySet().retainAll(nodes.stream().map(StorageNodeInfo::id).toList());
        if (health == null) {
            return;
        }
        for (StorageNodeInfo node : nodes) {
            if (!inFlight.add(node.id())) {
                continue;
            }
            ask(node).whenComplete((answer, error) -> {
                last.put(node.id(), error == null ? new Polled(Optional.of(answer), Optional.empty())
                        : new Polled(Optional.empty(), Optional.of(describe(error))));
                inFlight.remove(node.id());
            });
        }
    }

    private CompletionStage<NodeHealth> ask(StorageNodeInfo node) {
        try {
            return health.apply(node).toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    Optional<Polled> last(NodeId node) {
        return Optional.ofNullable(last.get(node));
    }

    private static String describe(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
