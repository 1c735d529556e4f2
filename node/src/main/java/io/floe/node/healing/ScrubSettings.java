package io.floe.node.healing;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;

/**
 * Background re-verification of the slivers a node stores ({@code floe.scrub}, documented in the node module's
 * reference.conf). Invariant: the rate is a number {@code >= 0} (0 turns scrubbing off), the interval not negative.
 *
 * @param sliversPerSecond slivers verified per second at most; 0 = off
 * @param passInterval a pass over the whole store starts at most this often
 */
public record ScrubSettings(double sliversPerSecond, Duration passInterval) {
    /** The block this record is read from. */
    public static final String PATH = "floe.scrub";

    public ScrubSettings {
        if (sliversPerSecond < 0 || Double.isNaN(sliversPerSecond)) {
            throw new IllegalArgumentException("slivers per second must be >= 0, got " + sliversPerSecond);
        }
        if (passInterval.isNegative()) {
            throw new IllegalArgumentException("pass interval must not be negative, got " + passInterval);
        }
    }

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static ScrubSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        return new ScrubSettings(c.notNegativeDouble("slivers-per-second"), c.notNegativeDuration("pass-interval"));
    }

    public boolean enabled() {
        return sliversPerSecond > 0;
    }
}
