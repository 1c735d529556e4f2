package io.floe.cluster.health;

import io.floe.actors.ledger.CommitteeCache;
import io.floe.actors.ledger.CommitteeView;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness: this member knows a committee (the ledger has formed the first one), so stores can be certified and
 * reads find their shards. Until then it says which genesis nodes the ledger still waits for.
 */
public final class CommitteeFormedCheck implements Supplier<CompletionStage<Boolean>> {
    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "committee-formed";

    private final HealthSources sources;

    public CommitteeFormedCheck(ActorSystem system) {
        this.sources = HealthSources.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        Optional<CommitteeView> view = sources.committees();
        if (view.isEmpty()) {
            return Checks.notHealthy(NAME + ": the committee cache has not started");
        }
        if (view.get().epochs().isPresent()) {
            return Checks.healthy();
        }
        String waiting = view.get() instanceof CommitteeCache cache && !cache.missing().isEmpty()
                ? " (the ledger waits for genesis nodes " + cache.missing() + ")" : "";
        return Checks.notHealthy(NAME + ": no committee formed yet" + waiting);
    }
}
