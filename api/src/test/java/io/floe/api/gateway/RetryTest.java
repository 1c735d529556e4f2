package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("retry");
    private static final long WAIT_SECONDS = 10;

    private final AtomicInteger calls = new AtomicInteger();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static NodeRequestException answered(int status) {
        return new NodeRequestException(URI.create("http://127.0.0.1:9185"), "PUT metadata", status, "", "try later");
    }

    /** A request that fails with {@code failure} on its first {@code failures} calls, then answers "stored". */
    private CompletableFuture<String> withRetries(int failures, Throwable failure) {
        return Retry.withRetries(TEST_KIT.system(), () -> calls.incrementAndGet() <= failures
                ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture("stored"));
    }

    @Test
    void retriesABusyNodeUntilItAnswers() throws Exception {
        assertEquals("stored", withRetries(2, answered(503)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, calls.get());
    }

    @Test
    void retriesABrokenConnection() throws Exception {
        assertEquals("stored", withRetries(1, new IOException("connection reset")).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(2, calls.get());
    }

    @Test
    void givesUpAfterTheLastAttemptWithItsFailure() {
        NodeRequestException busy = answered(503);
        long start = System.nanoTime();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> withRetries(Integer.MAX_VALUE, busy).get(WAIT_SECONDS, TimeUnit.SECONDS));

        assertSame(busy, e.getCause());
        assertEquals(Retry.ATTEMPTS, calls.get());
        // Jitter only lengthens a pause: the four pauses take at least 300 + 600 + 625 + 625 ms.
        long shortest = Retry.MIN_BACKOFF.multipliedBy(2 + 4).plus(Retry.MAX_BACKOFF.multipliedBy(2)).toMillis();
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waited >= shortest, "waited " + waited + " ms, less than the " + shortest + " ms of pauses");
    }

    @Test
    void doesNotRetryAnAnswerThatIsNotBusy() {
        NodeRequestException refused = answered(400);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> withRetries(1, refused).get(WAIT_SECONDS, TimeUnit.SECONDS));

        assertSame(refused, e.getCause());
        assertEquals(1, calls.get());
    }

    @Test
    void doesNotRetryATimeout() {
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> withRetries(1, timeout).get(WAIT_SECONDS, TimeUnit.SECONDS));

        assertSame(timeout, e.getCause());
        assertEquals(1, calls.get());
    }
}
