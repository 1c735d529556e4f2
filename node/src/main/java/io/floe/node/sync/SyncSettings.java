package io.floe.node.sync;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;

/**
 * How a storage node pulls the shards it gains at an epoch change ({@code floe.sync}, documented key by key in the
 * node module's reference.conf).
 *
 * <p>Invariant: counts at least 1, durations positive, {@code backoffMin <= backoffMax}; so every retry loop of the
 * sync ends after at most {@code attempts} tries and about {@code giveUpAfter}.
 *
 * @param batchSize slivers asked for per request
 * @param requestTimeout bound on one request to the previous owner, response body included
 * @param attempts tries of one batch (or of the sync-done report) before the node gives up on it
 * @param giveUpAfter time after which a batch that keeps failing is given up even with tries left
 * @param backoffMin delay before the first retry; it doubles per retry
 * @param backoffMax the longest delay between retries
 * @param poll how often the committees are looked at
 * @param reportWithin how long after the recheck is queued the node reports its sync done even if its recovery
 *                     backlog is not empty yet (recovery goes on after the report)
 */
public record SyncSettings(int batchSize, Duration requestTimeout, int attempts, Duration giveUpAfter,
                           Duration backoffMin, Duration backoffMax, Duration poll, Duration reportWithin) {
    /** The block this record is read from. */
    public static final String PATH = "floe.sync";

    public SyncSettings {
        if (batchSize < 1 || attempts < 1) {
            throw new IllegalArgumentException("batch-size and attempts must be >= 1, got " + batchSize + " and "
                    + attempts);
        }
        for (Duration d : new Duration[] {requestTimeout, giveUpAfter, backoffMin, backoffMax, poll, reportWithin}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("sync durations must be positive, got " + d);
            }
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoff-max " + backoffMax + " is below backoff-min " + backoffMin);
        }
    }

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static SyncSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        Duration backoffMin = c.positiveDuration("backoff-min");
        return new SyncSettings(c.positiveInt("batch-size"), c.positiveDuration("request-timeout"),
                c.positiveInt("attempts"), c.positiveDuration("give-up-after"), backoffMin,
                c.durationAtLeast("backoff-max", backoffMin), c.positiveDuration("poll"),
                c.positiveDuration("report-within"));
    }

    /** The delay before retry number {@code retry} (1 = first): min * 2^(retry-1), at most max. */
    public Duration retryDelay(int retry) {
        Duration delay = backoffMin;
        for (int i = 1; i < retry && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }
}
