package io.floe.api.gateway;

import io.floe.api.node.NodeRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.pattern.Patterns;

/**
 * Bounded retries of one request to a storage node when the failure is transient: the node answered 503 (its
 * shard is starting, its control plane is failing over) or the connection broke. Node requests are idempotent, so
 * sending one again is safe. Timeouts are not retried: the node request timeout already bounds them.
 *
 * <p>Invariants: at most {@link #ATTEMPTS} requests; the pauses between them grow from {@link #MIN_BACKOFF} times two
 * to {@link #MAX_BACKOFF}, each with up to {@link #JITTER} added so that the uploads to one busy node do not all
 * come back at once, and together they stay under the 3 s of the linear schedule (300, 600, 900, 1200 ms) they
 * replaced: at most 300 + 600 + 625 + 625 ms, plus 20 %. The last failure, or one that is not transient, is the
 * stage's failure.
 */
final class Retry {
    static final int ATTEMPTS = 5;
    /** Pekko's first pause is twice this: 300 ms. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(150);
    static final Duration MAX_BACKOFF = Duration.ofMillis(625);
    static final double JITTER = 0.2;

    private Retry() {
    }

    static <T> CompletableFuture<T> withRetries(ClassicActorSystemProvider system,
                                                Supplier<CompletableFuture<T>> request) {
        // Pekko counts the retries after the first attempt.
        return Patterns.<T>retry(request::get, (value, error) -> error != null && isTransient(error), ATTEMPTS - 1,
                MIN_BACKOFF, MAX_BACKOFF, JITTER, system).toCompletableFuture();
    }

    private static boolean isTransient(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof NodeRequestException e) {
            return e.status() == 503;
        }
        return t instanceof IOException && !(t instanceof java.net.http.HttpTimeoutException);
    }
}
