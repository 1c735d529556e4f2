package io.floe.cluster.health;

import java.util.concurrent.CompletionStage;

/** How far a gateway's read side is behind the blob event feed. */
@FunctionalInterface
public interface ReadSideLag {
    /**
     * The number of blob events in the journal that the read side has not applied yet, counted up to
     * {@code atMost + 1} (a larger backlog answers {@code atMost + 1}); fails when the journal or the store does.
     */
    CompletionStage<Long> eventsBehind(long atMost);
}
