package io.floe.node.healing;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;
import java.util.Objects;

/**
 * How a storage node heals itself ({@code floe.recovery}, documented key by key in the node module's
 * reference.conf): its event processor's pacing, its recovery from peers and its inconsistency reports.
 *
 * <p>Invariant: every count is at least 1, every timeout positive, grace and busy delay not negative, and each
 * backoff range has {@code 0 < min <= max}.
 *
 * @param grace how long after seeing a blob certified the node waits for the writer's tail before fetching
 * @param parallelism blobs recovered at once
 * @param retryBackoffMin delay before the first retry of a failed recovery; it doubles per attempt
 * @param retryBackoffMax the longest delay between retries
 * @param feedBackoffMin delay before the event feed is read again after it failed (journal unavailable)
 * @param feedBackoffMax the longest such delay
 * @param symbolRequests recovery-symbol requests this node computes at once; one more is refused with 503
 * @param requestTimeout bound on one request to a peer (metadata or symbols), response body included
 * @param proofFreeFirst fetch bare decoding symbols first (1x traffic, the rebuilt sliver checked once against its
 *                       hash) and proven symbols only when that check fails; false: proven symbols always
 * @param busyRetryDelay wait before asking a peer that answered 503 (busy) once more
 * @param reportTimeout bound on one inconsistency-proof request to a peer
 * @param batchBytes symbol bytes one batched rebuild of a blob's slivers of one type collects at most: how many
 *                   targets one request to a peer names (at least one)
 */
public record RecoverySettings(Duration grace, int parallelism, Duration retryBackoffMin, Duration retryBackoffMax,
                               Duration feedBackoffMin, Duration feedBackoffMax, int symbolRequests,
                               Duration requestTimeout, boolean proofFreeFirst, Duration busyRetryDelay,
                               Duration reportTimeout, long batchBytes) {
    /** The block this record is read from. */
    public static final String PATH = "floe.recovery";

    public RecoverySettings {
        Objects.requireNonNull(grace, "grace");
        requireOrdered("retry backoff", retryBackoffMin, retryBackoffMax);
        requireOrdered("feed backoff", feedBackoffMin, feedBackoffMax);
        if (grace.isNegative() || busyRetryDelay.isNegative()) {
            throw new IllegalArgumentException("grace and busy-retry-delay must not be negative, got " + grace
                    + " and " + busyRetryDelay);
        }
        if (parallelism < 1 || symbolRequests < 1) {
            throw new IllegalArgumentException("parallelism and symbol-requests must be >= 1, got " + parallelism
                    + " and " + symbolRequests);
        }
        if (batchBytes < 1) {
            throw new IllegalArgumentException("batch-bytes must be >= 1, got " + batchBytes);
        }
        if (!positive(requestTimeout) || !positive(reportTimeout)) {
            throw new IllegalArgumentException("request-timeout and report-timeout must be positive");
        }
    }

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static RecoverySettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        Duration retryMin = c.positiveDuration("retry-backoff-min");
        Duration feedMin = c.positiveDuration("feed-backoff-min");
        return new RecoverySettings(c.notNegativeDuration("grace"), c.positiveInt("parallelism"), retryMin,
                c.durationAtLeast("retry-backoff-max", retryMin), feedMin,
                c.durationAtLeast("feed-backoff-max", feedMin), c.positiveInt("symbol-requests"),
                c.positiveDuration("request-timeout"), c.bool("proof-free-first"),
                c.notNegativeDuration("busy-retry-delay"), c.positiveDuration("report-timeout"),
                c.bytes("batch-bytes"));
    }

    /** The delay before retry number {@code attempt} (1 = first retry): min * 2^(attempt-1), at most max. */
    public Duration retryDelay(int attempt) {
        Duration delay = retryBackoffMin;
        for (int i = 1; i < attempt && delay.compareTo(retryBackoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : delay;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void requireOrdered(String what, Duration min, Duration max) {
        if (!positive(min) || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " needs 0 < min <= max, got " + min + " and " + max);
        }
    }
}
