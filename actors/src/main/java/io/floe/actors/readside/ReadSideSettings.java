package io.floe.actors.readside;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;

/**
 * The {@code floe.read-side} settings (the actors module's reference.conf documents each key), read once.
 *
 * @param maxBatch    events folded into one atomic apply at most
 * @param batchWindow how long a partial batch waits for more events before it is applied
 * @param minBackoff  first restart delay after the journal or the store failed
 * @param maxBackoff  longest restart delay
 */
public record ReadSideSettings(int maxBatch, Duration batchWindow, Duration minBackoff, Duration maxBackoff) {
    public static final String PATH = "floe.read-side";

    public ReadSideSettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(PATH + ".max-batch must be >= 1: " + maxBatch);
        }
        if (batchWindow.isNegative() || batchWindow.isZero() || minBackoff.isNegative() || minBackoff.isZero()
                || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException(PATH + ": batch-window and min-backoff must be positive and"
                    + " max-backoff >= min-backoff");
        }
    }

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static ReadSideSettings from(Config config) {
        ConfigSection c = ConfigSection.of(config, PATH);
        Duration minBackoff = c.positiveDuration("min-backoff");
        return new ReadSideSettings(c.positiveInt("max-batch"), c.positiveDuration("batch-window"), minBackoff,
                c.durationAtLeast("max-backoff", minBackoff));
    }
}
