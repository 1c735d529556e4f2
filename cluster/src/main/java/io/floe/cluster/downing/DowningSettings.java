package io.floe.cluster.downing;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;

/**
 * How a member decides that another one is gone ({@code floe.downing}, documented in the cluster module's
 * reference.conf): proof of death by refused connections, the fence that stops a member cut off from the majority,
 * the removal margin the cluster singletons and shard coordinators wait after a removal, and how long the first seed
 * node waits before it checks whether it may form a new cluster ({@link SeedGuard}).
 *
 * <p>Invariant (checked here): the fence fires well before the split-brain resolver's {@code stable-after}, so that
 * a minority has stopped before the majority, which downs it only after {@code stable-after} plus this margin, takes
 * over its singletons and shards.
 */
public record DowningSettings(boolean proofOfDeath, Duration probeInterval, Duration probeTimeout, int refusals,
                              Duration fenceAfter, Duration removalMargin, Duration firstSeedWait) {
    /** The block this record is read from. */
    public static final String PATH = "floe.downing";
    private static final String STABLE_AFTER = "pekko.cluster.split-brain-resolver.stable-after";

    /** Reads {@value #PATH} of a resolved member configuration, checking the fence against the resolver's timing. */
    public static DowningSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        DowningSettings s = new DowningSettings(c.bool("proof-of-death"), c.positiveDuration("probe-interval"),
                c.positiveDuration("probe-timeout"), c.positiveInt("refusals"), c.positiveDuration("fence-after"),
                c.notNegativeDuration("removal-margin"), c.positiveDuration("first-seed-wait"));
        Duration stableAfter = root.getDuration(STABLE_AFTER);
        if (s.fenceAfter.plusSeconds(1).compareTo(stableAfter) > 0) {
            throw c.bad("fence-after", "must be at least 1 s shorter than " + STABLE_AFTER + " (" + stableAfter
                    + ") so that a minority stops before the majority takes over");
        }
        return s;
    }
}
