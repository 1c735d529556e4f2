package io.floe.cluster.recovery;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a storage node rebuilds lost slivers from its peers and serves symbols to theirs. Invariant: every count is at
 * least 1 and every duration positive.
 *
 * @param symbolRequests recovery-symbol requests this node computes at once; one more is refused with 503
 * @param requestTimeout bound on one request to a peer (metadata or symbols), response body included
 * @param proofFreeFirst fetch bare decoding symbols first (1x traffic, the rebuilt sliver checked once against its
 *                       hash) and proven symbols only when that check fails; false: proven symbols always
 * @param busyRetryDelay wait before asking a peer that answered 503 (busy) once more
 */
public record RecoverySettings(int symbolRequests, Duration requestTimeout, boolean proofFreeFirst,
                               Duration busyRetryDelay) {
    /** Keys under {@code floe.recovery}, for {@link #from(Config)}. */
    public static final String SYMBOL_REQUESTS = "symbol-requests";
    public static final String REQUEST_TIMEOUT = "request-timeout";
    public static final String PROOF_FREE_FIRST = "proof-free-first";
    public static final String BUSY_RETRY_DELAY = "busy-retry-delay";

    public static final RecoverySettings DEFAULTS =
            new RecoverySettings(4, Duration.ofSeconds(10), true, Duration.ofMillis(500));

    public RecoverySettings {
        if (symbolRequests < 1) {
            throw new IllegalArgumentException("symbol-requests must be at least 1, got " + symbolRequests);
        }
        if (requestTimeout.isZero() || requestTimeout.isNegative() || busyRetryDelay.isNegative()) {
            throw new IllegalArgumentException("request-timeout must be positive and busy-retry-delay not negative");
        }
    }

    /** Reads the {@code floe.recovery} block; an absent key keeps its {@link #DEFAULTS} value. */
    public static RecoverySettings from(Config recovery) {
        return new RecoverySettings(
                recovery.hasPath(SYMBOL_REQUESTS) ? recovery.getInt(SYMBOL_REQUESTS) : DEFAULTS.symbolRequests(),
                recovery.hasPath(REQUEST_TIMEOUT) ? recovery.getDuration(REQUEST_TIMEOUT) : DEFAULTS.requestTimeout(),
                recovery.hasPath(PROOF_FREE_FIRST) ? recovery.getBoolean(PROOF_FREE_FIRST) : DEFAULTS.proofFreeFirst(),
                recovery.hasPath(BUSY_RETRY_DELAY) ? recovery.getDuration(BUSY_RETRY_DELAY) : DEFAULTS.busyRetryDelay());
    }
}
