package io.floe.cluster.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness of a gateway: its read side (behind {@code GET /v1/blobs} and the object lookups) has applied the blob
 * events of the journal but at most {@code floe.management.read-side-max-behind}, so listings are not minutes stale
 * (after a restart the projection replays from its stored offset). Members without a read side pass.
 */
public final class ReadSideCaughtUpCheck implements Supplier<CompletionStage<Boolean>> {
    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "read-side-caught-up";

    private final HealthSources sources;
    private final Duration bound;
    private final int maxBehind;

    public ReadSideCaughtUpCheck(ActorSystem system) {
        this.sources = HealthSources.get(system);
        this.maxBehind = ManagementSettings.from(system.settings().config()).readSideMaxBehind();
        this.bound = Checks.ownBound(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        Optional<ReadSideLag> lag = sources.readSide();
        if (lag.isEmpty()) {
            return sources.readSideExpected() ? Checks.notHealthy(NAME + ": the read side has not started") : Checks.healthy();
        }
        return Checks.bounded(lag.get().eventsBehind(maxBehind), bound).handle((behind, failure) -> {
            if (failure != null) {
                throw new NotHealthyException(NAME + ": the read side's progress is unknown: "
                        + Checks.rootMessage(failure));
            }
            if (behind > maxBehind) {
                throw new NotHealthyException(NAME + ": the read side is more than " + maxBehind
                        + " blob events behind");
            }
            return true;
        });
    }
}
