package io.floe.cluster.health;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness: the member has finished starting, so its roles run and their HTTP APIs (storage node, client) listen.
 * The management server starts first to explain a slow start; without this check {@code /ready} could pass while the
 * member still opens its sliver store or binds its API, and a load balancer would send requests nobody answers.
 */
public final class MemberStartedCheck implements Supplier<CompletionStage<Boolean>> {
    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "member-started";

    private final HealthSources sources;

    public MemberStartedCheck(ActorSystem system) {
        this.sources = HealthSources.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        return sources.startFinished() ? Checks.healthy()
                : Checks.notHealthy(NAME + ": the member is still starting (its APIs are not bound yet)");
    }
}
