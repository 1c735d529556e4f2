package io.floe.cluster.control;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;

/**
 * Bounds of every call from HTTP routes to actors ({@code floe.ask}, documented in the cluster module's
 * reference.conf): each ask waits {@code timeout} and is tried {@code attempts} times, {@code backoff} apart.
 */
public record AskSettings(Duration timeout, int attempts, Duration backoff) {
    /** The block this record is read from. */
    public static final String PATH = "floe.ask";

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static AskSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        return new AskSettings(c.positiveDuration("timeout"), c.positiveInt("attempts"),
                c.notNegativeDuration("backoff"));
    }
}
