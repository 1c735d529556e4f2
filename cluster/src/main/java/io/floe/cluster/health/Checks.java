package io.floe.cluster.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;

/** The answers every check gives (healthy, or not with a reason) and the bound of a check that queries. */
final class Checks {
    private static final CompletionStage<Boolean> HEALTHY = CompletableFuture.completedFuture(true);
    private static final String CHECK_TIMEOUT = "pekko.management.health-checks.check-timeout";

    private Checks() {
    }

    static CompletionStage<Boolean> healthy() {
        return HEALTHY;
    }

    static CompletionStage<Boolean> notHealthy(String reason) {
        return CompletableFuture.failedFuture(new NotHealthyException(reason));
    }

    /**
     * Two thirds of Pekko Management's check timeout: a query that hangs fails with its own reason before Pekko's
     * timeout answers a bare "timed out" that names no check.
     */
    static Duration ownBound(ActorSystem system) {
        return system.settings().config().getDuration(CHECK_TIMEOUT).multipliedBy(2).dividedBy(3);
    }

    static <T> CompletionStage<T> bounded(CompletionStage<T> query, Duration bound) {
        return query.toCompletableFuture().copy().orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no answer in time";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
