package io.floe.api.gateway;

import io.floe.api.node.NodeRequestException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounded retries of one request to a storage node when the failure is transient: the node answered 503 (its
 * shard is starting, its control plane is failing over) or the connection broke. Node requests are idempotent, so
 * sending one again is safe. Timeouts are not retried: the node request timeout already bounds them.
 */
final class Retry {
    static final int ATTEMPTS = 5;
    static final long BACKOFF_MILLIS = 300;

    private Retry() {
    }

    static <T> CompletableFuture<T> withRetries(Supplier<CompletableFuture<T>> request) {
        return attempt(request, 1);
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> request, int attempt) {
        return request.get().handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            if (attempt >= ATTEMPTS || !isTransient(error)) {
                return CompletableFuture.<T>failedFuture(error);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(BACKOFF_MILLIS * attempt, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(request, attempt + 1));
        }).thenCompose(f -> f);
    }

    private static boolean isTransient(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof NodeRequestException e) {
            return e.status() == 503;
        }
        return t instanceof IOException && !(t instanceof java.net.http.HttpTimeoutException);
    }
}
