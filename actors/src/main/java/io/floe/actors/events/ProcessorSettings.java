package io.floe.actors.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NodeEventProcessor} paces its work (reference.conf {@code floe.recovery} documents each value).
 *
 * @param grace how long after seeing a blob certified the node waits for the writer's tail before fetching
 * @param parallelism blobs recovered at once
 * @param retryBackoffMin delay before the first retry of a failed recovery; it doubles per attempt
 * @param retryBackoffMax the longest delay between retries
 * @param feedBackoffMin delay before the event feed is read again after it failed (journal unavailable)
 * @param feedBackoffMax the longest such delay
 */
public record ProcessorSettings(Duration grace, int parallelism, Duration retryBackoffMin, Duration retryBackoffMax,
                                Duration feedBackoffMin, Duration feedBackoffMax) {
    public ProcessorSettings {
        Objects.requireNonNull(grace, "grace");
        requireOrdered("retry backoff", retryBackoffMin, retryBackoffMax);
        requireOrdered("feed backoff", feedBackoffMin, feedBackoffMax);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    private static void requireOrdered(String what, Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " needs 0 < min <= max, got " + min + " and " + max);
        }
    }

    /** The delay before retry number {@code attempt} (1 = first retry): min * 2^(attempt-1), at most max. */
    public Duration retryDelay(int attempt) {
        Duration delay = retryBackoffMin;
        for (int i = 1; i < attempt && delay.compareTo(retryBackoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : delay;
    }
}
